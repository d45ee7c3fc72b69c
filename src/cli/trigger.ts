import type { CommandModule } from 'yargs';
import { performOperation, UnreachableError } from '../client/rest';
import { OPERATIONS, type OperationName } from '../gws/types';
import { userPath } from '../gws/wire';
import { remoteTarget } from '../run/remote';
import { EXIT } from './cli';
import { adminHeaders, checkServer, DEFAULT_SERVER, notRunning } from './options';

interface TriggerArgs {
  operation: OperationName;
  agent: string;
  password?: string;
  session: string;
  target?: string;
  server: string;
  'admin-token'?: string;
}

export const triggerCommand: CommandModule<object, TriggerArgs> = {
  command: 'trigger <operation>',
  describe: 'Perform one GWS operation as an agent and print the GWS answer',
  builder: (cli) =>
    cli
      .positional('operation', { choices: OPERATIONS, demandOption: true, describe: 'The operationName' })
      .option('agent', { type: 'string', demandOption: true, describe: 'The user name who performs it' })
      .option('password', { type: 'string', describe: 'Default: the user name (as in the embedded fixture)' })
      .option('session', { type: 'string', demandOption: true, describe: 'The facebook session id' })
      .option('target', { type: 'string', describe: 'The participant to act on: a user name, or a user URI' })
      .option('server', { type: 'string', default: DEFAULT_SERVER, describe: 'The running gws-sim' })
      .option('admin-token', { type: 'string', describe: "The server's --admin-token (to look a user name up in /sim/state)" })
      .check((args) => {
        checkServer(args.server);
        return true;
      })
      .example('$0 trigger RemoveParticipantFromConference --agent agent1 --session 0002EaAY01MT0082 --target agent2', 'the documented removal')
      .epilogue('Exit code: 0 when the answer has statusCode 0, 1 otherwise.'),
  handler: async (args) => {
    const server = args.server.replace(/\/+$/, '');
    try {
      const params = args.target === undefined ? {} : { targetUri: await targetUri(server, args.target, args['admin-token']) };
      const answer = await performOperation(server, { user: args.agent, password: args.password ?? args.agent }, args.operation, args.session, params);
      console.log(JSON.stringify(answer, null, 2));
      process.exit(answer.statusCode === 0 ? EXIT.ok : EXIT.failure);
    } catch (error) {
      const asked = `${args.operation} as ${args.agent} on session ${args.session}`;
      if (error instanceof UnreachableError) console.error(`gws-sim: cannot perform ${asked}: ${notRunning(server, error.reason)}`);
      else console.error(`gws-sim: ${(error as Error).message}`);
      process.exit(EXIT.failure);
    }
  },
};

/** A URI as given; a user name as that user's URI on the server. */
async function targetUri(server: string, target: string, adminToken: string | undefined): Promise<string> {
  if (/^https?:\/\//.test(target)) return target;
  const users = await (await remoteTarget(server, adminHeaders(adminToken))).users();
  const user = users.find((u) => u.userName === target);
  if (!user) throw new Error(`--target: no user named '${target}' on ${server}; its users: ${users.map((u) => u.userName).join(', ')}`);
  return `${server}/api/v2${userPath(user.id)}`;
}
