import type { CommandModule } from 'yargs';
import pc from 'picocolors';
import { loadOperationStreams } from '../scenario/loader';
import { loadScenario } from '../scenario/script';
import { NotificationShapes } from '../scenario/shapes';
import { FileError } from '../validation';
import { EXIT } from './cli';

interface ValidateArgs {
  files: string[];
  scenario?: string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check scenario files without running anything: each problem with its file, JSON path and line',
  builder: (cli) =>
    cli
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scripted scenarios or operation stream files' })
      .option('scenario', {
        type: 'string',
        array: true,
        describe: 'Operation stream file the scripts will run with (as serve --scenario): its kinds and fields count too',
      })
      .example('$0 validate scenarios/*.json', 'check every shipped scenario')
      .epilogue(
        'Expected kinds and match paths are checked against what the operation streams send (the shipped ones, ' +
          'and --scenario files). Exit code: 0 when every file is valid, 1 when one is not.',
      ),
  handler: (args) => {
    let shapes: NotificationShapes;
    try {
      shapes = new NotificationShapes(loadOperationStreams(args.scenario));
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      console.error(`gws-sim: --scenario ${error.message}`);
      process.exit(EXIT.usage);
    }
    let invalid = 0;
    for (const file of args.files) {
      try {
        const script = loadScenario(file, shapes);
        const steps = script.steps('http://127.0.0.1:8090').length;
        console.log(pc.green(`✓ ${file}`) + pc.dim(` (${script.agents.length} agents, ${steps} steps)`));
      } catch (error) {
        if (!(error instanceof FileError)) throw error;
        invalid++;
        console.log(pc.red(`✗ ${error.message}`));
      }
    }
    process.exit(invalid === 0 ? EXIT.ok : EXIT.failure);
  },
};
