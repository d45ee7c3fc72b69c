import { closest } from '../suggest';

/**
 * A usage error as people read it. yargs lists each unknown option twice ("time-scal, timeScal":
 * its camelCase alias) and suggests nothing: name it once, as typed, with the nearest option of
 * the command, then the command's own help. Other errors point to the command's --help.
 */
export function usageMessage(message: string, argv: readonly string[], commands: readonly string[], helpOf: (command?: string) => string): string {
  const command = argv.find((arg) => commands.includes(arg));
  const helpHint = `Run 'gws-sim ${command ? `${command} ` : ''}--help' for usage.`;
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (!unknown) return `gws-sim: ${message}\n${helpHint}`;

  const listed = unknown[1].split(', ');
  const names = listed.filter((name) => !(/[A-Z]/.test(name) && listed.includes(kebab(name))));
  const help = helpOf(command);
  const options = [...new Set([...help.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]))];
  const lines = names.map((name) => {
    const typedAsOption = argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`) || arg === `-${name}`);
    if (!typedAsOption) return `gws-sim: unexpected argument '${name}'`;
    const guess = options.find((option) => option.startsWith(name)) ?? closest(name, options);
    return `gws-sim: unknown option --${name}${guess ? `; did you mean --${guess}?` : ''}`;
  });
  return `${lines.join('\n')}\n\n${help}`;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
