import type { CommandModule } from 'yargs';
import pc from 'picocolors';
import { loadScenario } from '../scenario/script';
import { FileError } from '../validation';
import { EXIT } from './cli';

interface ValidateArgs {
  files: string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check scenario files without running anything: each problem with its file, JSON path and line',
  builder: (cli) =>
    cli
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scripted scenarios or operation stream files' })
      .example('$0 validate scenarios/*.json', 'check every shipped scenario')
      .epilogue('Exit code: 0 when every file is valid, 1 when one is not.'),
  handler: (args) => {
    let invalid = 0;
    for (const file of args.files) {
      try {
        const script = loadScenario(file);
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
