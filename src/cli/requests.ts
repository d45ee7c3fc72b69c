import type { CommandModule } from 'yargs';
import pc from 'picocolors';
import { adminHeaders, getJson, UnreachableError } from '../client/rest';
import { describeEntry } from '../journal/filter';
import type { JournalEntry } from '../journal/wire';
import { EXIT } from './cli';
import { checkServer, DEFAULT_SERVER, examples, notRunning } from './options';

interface RequestsArgs {
  server: string;
  'admin-token'?: string;
  agent?: string;
  operation?: string;
  type?: 'rest' | 'bayeux';
  json: boolean;
}

export const requestsCommand: CommandModule<object, RequestsArgs> = {
  command: 'requests',
  describe: "Print the request journal: what the desktops sent over REST and CometD, oldest first",
  builder: (cli) =>
    cli
      .option('server', { type: 'string', default: DEFAULT_SERVER, describe: 'The running gws-sim' })
      .option('admin-token', { type: 'string', describe: "The server's --admin-token, for its /sim endpoints" })
      .option('agent', { type: 'string', describe: 'Only the requests of this user name' })
      .option('operation', { type: 'string', describe: 'Only REST requests with this operationName' })
      .option('type', { choices: ['rest', 'bayeux'] as const, describe: 'Only REST requests, or only Bayeux messages' })
      .option('json', { type: 'boolean', default: false, describe: 'One JSON object per request (NDJSON), as GET /sim/requests?format=ndjson' })
      .check((args) => {
        checkServer(args.server);
        return true;
      })
      .epilogue(
        examples([
          ['gws-sim requests', 'every request the journal keeps, one per line'],
          ['gws-sim requests --agent agent1 --type rest', "agent1's REST requests"],
          ['gws-sim requests --json | jq -c "select(.operation)"', 'the operations, as JSON'],
        ]),
      ),
  handler: async (args) => {
    const server = args.server.replace(/\/+$/, '');
    const query = new URLSearchParams(Object.entries({ agent: args.agent, operation: args.operation, type: args.type }).filter((e): e is [string, string] => e[1] !== undefined));
    try {
      const answer = await getJson(`${server}/sim/requests${query.size > 0 ? `?${query}` : ''}`, adminHeaders(args['admin-token']));
      if (answer.statusCode !== 0) {
        console.error(`gws-sim: ${server}/sim/requests answered statusCode ${answer.statusCode}: ${answer.statusMessage ?? ''}`);
        process.exit(EXIT.failure);
      }
      const requests = answer.requests as JournalEntry[];
      for (const entry of requests) console.log(args.json ? JSON.stringify(entry) : lineOf(entry));
      if (!args.json && requests.length === 0) console.error(pc.dim('no request journaled (since the last reset)'));
      process.exit(EXIT.ok);
    } catch (error) {
      if (error instanceof UnreachableError) console.error(`gws-sim: cannot read the journal: ${notRunning(server, error.reason)}`);
      else console.error(`gws-sim: ${(error as Error).message}`);
      process.exit(EXIT.failure);
    }
  },
};

/** A request on one line, refusals in red, with what a REST request sent. */
function lineOf(entry: JournalEntry): string {
  const line = describeEntry(entry);
  const refused = entry.type === 'rest' ? entry.status >= 400 || (entry.statusCode ?? 0) !== 0 : entry.successful === false;
  const body = entry.type === 'rest' && entry.body !== undefined ? pc.dim(` ${JSON.stringify(entry.body)}`) : '';
  return `${refused ? pc.red(line) : line}${body}`;
}
