import type { CommandModule } from 'yargs';
import { remoteTarget } from '../run/remote';
import { runScript, unplayable, type RunResult, type RunTarget } from '../run/runner';
import { loadScenario, type Script } from '../scenario/script';
import { createSimulator } from '../simulator';
import { FileError } from '../validation';
import { EXIT } from './cli';
import { adminHeaders, checkSeed, checkServer, checkTimeScale, serverOptions } from './options';
import { jsonReporter, prettyReporter, summary } from './report';

interface RunArgs {
  files: string[];
  server?: string;
  'admin-token'?: string;
  'time-scale': number;
  seed: number;
  json: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <files..>',
  describe: 'Run scenario files: connect the agents, perform the steps, check what each agent receives',
  builder: (cli) =>
    serverOptions(cli, false)
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scripted scenarios, or operation stream files' })
      .option('time-scale', {
        type: 'number',
        default: 1,
        describe: 'Multiplies every delay and wait of the embedded simulator: 0.5 twice as fast, 0 at once (order kept)',
      })
      .option('seed', { type: 'number', default: 1, describe: 'Seeds the jitter of stream steps: the same seed, the same delays' })
      .check((args) => {
        checkTimeScale(args['time-scale']);
        checkSeed(args.seed);
        checkServer(args.server);
        return true;
      })
      .example('$0 run scenarios/agent1-removes-agent2.json', 'the documented run, on an embedded simulator')
      .example('$0 run scenarios/*.json --time-scale 0', 'every shipped scenario, delays skipped')
      .example('$0 run scenarios/remove-participant-from-conference.json', 'check a stream file: exactly the declared streams')
      .example('$0 run my.json --server http://127.0.0.1:8090 --json', 'against a running gws-sim, NDJSON out')
      .epilogue('Exit code: 0 when every expectation holds, 1 when one fails, 2 for a usage or file error.'),
  handler: async (args) => {
    let scripts: Script[];
    try {
      scripts = args.files.map((file) => loadScenario(file));
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      console.error(`gws-sim: ${error.message}`);
      process.exit(EXIT.usage);
    }
    const given = (option: string) => process.argv.some((arg) => arg === option || arg.startsWith(`${option}=`));
    for (const option of ['--time-scale', '--seed']) {
      if (args.server !== undefined && given(option)) console.error(`gws-sim: ${option} applies to the embedded simulator; the server at --server keeps its own`);
    }
    const report = args.json ? jsonReporter() : prettyReporter();
    const results: RunResult[] = [];
    for (const script of scripts) {
      results.push(await runOne(script, args, report));
    }
    if (!args.json && results.length > 1) for (const line of summary(results)) console.log(line);
    process.exit(results.every((r) => r.ok) ? EXIT.ok : EXIT.failure);
  },
};

async function runOne(script: Script, args: RunArgs, report: ReturnType<typeof prettyReporter>): Promise<RunResult> {
  if (args.server !== undefined) {
    let target: RunTarget;
    try {
      target = await remoteTarget(args.server, adminHeaders(args['admin-token']));
    } catch (error) {
      console.error(`gws-sim: ${(error as Error).message}`);
      process.exit(EXIT.failure);
    }
    const why = unplayable(script, target);
    if (why) {
      console.error(`gws-sim: ${why}`);
      process.exit(EXIT.usage);
    }
    return runScript(script, target, report);
  }
  const sim = await createSimulator({
    port: 0,
    fixture: script.fixture,
    // A stream file is checked by playing it.
    scenarios: script.operationStream ? [script.operationStream.file] : [],
    timeScale: args['time-scale'],
    seed: args.seed,
  });
  try {
    return await sim.run(script.file, { onEvent: report });
  } finally {
    await sim.close();
  }
}
