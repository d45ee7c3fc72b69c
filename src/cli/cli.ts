import yargs, { type Argv } from 'yargs';
import { customerCommand } from './customer';
import { listenCommand } from './listen';
import { requestsCommand } from './requests';
import { runCommand } from './run';
import { serveCommand } from './serve';
import { triggerCommand } from './trigger';
import { usageMessage } from './usage';
import { validateCommand } from './validate';

/** Exit codes: 0 done, 1 a runtime failure, 2 a usage or file error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const COMMANDS = ['serve', 'run', 'listen', 'trigger', 'validate', 'requests'];

/** The gws-sim command line, built apart from process.argv so tests can drive it. */
export function buildCli(argv: string[]): Argv {
  return yargs(argv)
    .scriptName('gws-sim')
    .usage('$0 <command> [options]\n\nA CometD/Bayeux notification simulator for the Genesys Web Services (GWS) v2 API.')
    .command(serveCommand)
    .command(runCommand)
    .command(listenCommand)
    .command(triggerCommand)
    .command(customerCommand)
    .command(validateCommand)
    .command(requestsCommand)
    .demandCommand(1, 'Name a command: serve, run, listen, trigger, customer, validate or requests')
    .strict()
    .recommendCommands()
    .epilogue('Documentation: README.md and scenarios/README.md in the gws-sim package.')
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message: string | null, error: Error | undefined) => {
      // Parse errors come as a message, failed .check()s as an error: both are usage errors.
      console.error(usageMessage(message ?? error?.message ?? 'usage error', argv, COMMANDS, helpOf));
      process.exit(EXIT.usage);
    });
}

/** What `gws-sim [command] --help` prints. */
function helpOf(command?: string): string {
  const args = command === undefined ? ['--help'] : [command, '--help'];
  let help = '';
  buildCli(args).parse(args, {}, (_error: Error | undefined, _argv: unknown, output: string) => {
    help = output;
  });
  return help;
}
