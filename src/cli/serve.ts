import type { CommandModule } from 'yargs';
import { parseFaultSpec, SPEC_SYNTAX } from '../faults/spec';
import { createSimulator } from '../simulator';
import { FileError } from '../validation';
import { EXIT } from './cli';

interface ServeArgs {
  port: number;
  host: string;
  'time-scale': number;
  fixture?: string;
  scenario?: string[];
  quiet: boolean;
  fault?: string[];
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Run the simulator: GWS REST under /api/v2, CometD at /api/v2/notifications',
  builder: (cli) =>
    cli
      .option('port', { type: 'number', default: 8090, describe: 'TCP port; 0 picks a free one' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to listen on (0.0.0.0 for all)' })
      .option('time-scale', {
        type: 'number',
        default: 1,
        describe: 'Multiplies every scenario delay: 1 as written, 0.5 twice as fast, 0 at once (order kept)',
      })
      .option('fixture', { type: 'string', describe: 'Users and facebooksessions to start from (JSON); default: the embedded fixture' })
      .option('scenario', {
        type: 'string',
        array: true,
        describe: 'Operation stream file replacing the shipped one for its operation (repeatable)',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print only the listening line and errors' })
      .option('fault', {
        type: 'string',
        array: true,
        describe: `Inject a fault (repeatable; README "Faults"): ${Object.values(SPEC_SYNTAX).map((s) => s.form).join(', ')}`,
      })
      .check((args) => {
        // yargs turns a non-number into NaN: say "not a number" rather than "NaN".
        const shown = (value: number) => (Number.isNaN(value) ? 'something that is not a number' : String(value));
        if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
          throw new Error(`--port must be an integer from 0 to 65535, got ${shown(args.port)}`);
        }
        if (!Number.isFinite(args['time-scale']) || args['time-scale'] < 0) {
          throw new Error(`--time-scale must be a number >= 0 (1 as written, 0.5 twice as fast, 0 at once), got ${shown(args['time-scale'])}`);
        }
        for (const spec of args.fault ?? []) {
          try {
            parseFaultSpec(spec);
          } catch (error) {
            throw new Error(`--${(error as Error).message}`);
          }
        }
        return true;
      })
      .example('$0 serve', 'agent1/agent1 and agent2/agent2 on http://127.0.0.1:8090')
      .example('$0 serve --port 0 --time-scale 0', 'a free port, notifications at once')
      .example('$0 serve --scenario scenarios/remove-participant-from-conference.as-documented.json', 'the documentation page to the letter')
      .example('$0 serve --fault drop:agent2:2 --fault session-drop:agent2:after=3', "drop agent2's 2nd notification, its session after the 3rd"),
  handler: async (args) => {
    const log = args.quiet ? () => {} : (line: string) => console.error(`${new Date().toISOString()} ${line}`);
    let simulator;
    try {
      simulator = await createSimulator({
        port: args.port,
        host: args.host,
        timeScale: args['time-scale'],
        fixture: args.fixture,
        scenarios: args.scenario,
        log,
        faults: args.fault,
      });
    } catch (error) {
      console.error(`gws-sim: cannot start: ${(error as Error).message}`);
      process.exit(error instanceof FileError ? EXIT.usage : EXIT.failure);
    }
    console.log(`gws-sim listening on ${simulator.url}`);
    const stop = (signal: string) => {
      log(`${signal}: shutting down`);
      void simulator.close().then(() => process.exit(EXIT.ok));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
};
