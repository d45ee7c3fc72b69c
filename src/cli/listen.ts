import type { CommandModule } from 'yargs';
import pc from 'picocolors';
import { Agent, NOTIFICATIONS_CHANNEL, TRANSPORTS, type Transport } from '../client/agent';
import { kindOf } from '../scenario/expect';
import { EXIT } from './cli';
import { checkServer, DEFAULT_SERVER, examples } from './options';
import { stopWhenOrphaned } from './orphan';

interface ListenArgs {
  agent: string;
  password?: string;
  server: string;
  channel: string;
  transport: Transport;
  json: boolean;
}

export const listenCommand: CommandModule<object, ListenArgs> = {
  command: 'listen',
  describe: 'Connect as an agent and print its notifications until interrupted',
  builder: (cli) =>
    cli
      .option('agent', { type: 'string', demandOption: true, describe: 'The user name to log in as' })
      .option('password', { type: 'string', describe: 'Default: the user name (as in the embedded fixture)' })
      .option('server', { type: 'string', default: DEFAULT_SERVER, describe: 'The running gws-sim to listen to' })
      .option('channel', { type: 'string', default: NOTIFICATIONS_CHANNEL, describe: 'The channel to subscribe to' })
      .option('transport', { choices: TRANSPORTS, default: 'websocket' as Transport, describe: 'The CometD transport' })
      .option('json', { type: 'boolean', default: false, describe: 'One notification per line as JSON (NDJSON)' })
      .check((args) => {
        checkServer(args.server);
        return true;
      })
      .epilogue(
        examples([
          ['gws-sim listen --agent agent2', "agent2's notifications from http://127.0.0.1:8090"],
          ['gws-sim listen --agent agent1 --json | jq .data.notificationType', 'one JSON object per notification, for scripts'],
          ['gws-sim listen --agent agent1 --transport long-polling', 'over long-polling, as GWS 8.5 serves CometD'],
        ]),
      ),
  handler: async (args) => {
    let agent: Agent | undefined;
    // Installed before connecting, so that Ctrl-C exits 0 at any moment (not 130, killed by the signal).
    const stop = () => void (agent ? agent.disconnect() : Promise.resolve()).then(() => process.exit(EXIT.ok));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    stopWhenOrphaned(stop);
    try {
      agent = await Agent.connect({
        url: args.server.replace(/\/+$/, ''),
        user: args.agent,
        password: args.password ?? args.agent,
        transport: args.transport,
        channel: args.channel,
      });
    } catch (error) {
      console.error(`gws-sim: ${(error as Error).message}`);
      process.exit(EXIT.failure);
    }
    // On stderr, so that stdout stays pure NDJSON with --json; scripts can wait for this line.
    console.error(pc.dim(`${args.agent} listening on ${args.channel} at ${args.server} over ${args.transport}; Ctrl-C stops`));
    agent.onNotification(({ channel, data, at }) => {
      if (args.json) console.log(JSON.stringify({ agent: args.agent, channel, at: new Date(at).toISOString(), data }));
      else console.log(`${pc.dim(new Date(at).toISOString())} ${pc.bold(kindOf(data))}\n${JSON.stringify(data, null, 2)}`);
    });
  },
};
