import type { MediaName } from '../gws/families';
import type { OperationContext } from './context';
import { jitterOffset, type Jitter, type Random } from './jitter';
import type { TimedStep } from './player';
import type { OperationStreamFile } from './schema';
import { compileTemplate, type Template } from './template';

interface CompiledStep {
  afterMs: number;
  jitter?: Jitter;
  template: Template;
  vars: Template;
  /** The context roots its template and vars read (`session`, `log`...): only those are built at emission. */
  needs: ReadonlySet<string>;
}

/** A loaded, checked operation stream file, ready to turn an outcome into timed steps. */
export class OperationStream {
  readonly operation: string;
  /** Its operation's medium; undefined for an operation on the agent itself. */
  readonly media: MediaName | undefined;
  private readonly streams: ReadonlyMap<string, CompiledStep[]>;

  constructor(
    readonly file: string,
    source: OperationStreamFile,
  ) {
    this.operation = source.operation;
    this.media = source.media;
    const templates = new Map(Object.entries(source.templates).map(([name, t]) => [name, compileTemplate(t)]));
    const compile = (steps: OperationStreamFile['streams'][string]): CompiledStep[] =>
      steps.map((step) => {
        const template = templates.get(step.send)!;
        const vars = compileTemplate(step.vars ?? {});
        return { afterMs: step.afterMs, jitter: step.jitter, template, vars, needs: rootsOf([...template.placeholders, ...vars.placeholders]) };
      });
    this.streams = new Map(Object.entries(source.streams).map(([role, steps]) => [role, compile(steps)]));
  }

  /**
   * The steps `role` receives, rendered at emission time from the operation's context; a step's
   * jitter draws from `random`, and a delay never goes below 0.
   */
  stepsFor(role: string, context: OperationContext, random: Random = Math.random): TimedStep[] {
    return (this.streams.get(role) ?? []).map((step) => ({
      afterMs: step.jitter ? Math.max(0, step.afterMs + jitterOffset(step.jitter, random)) : step.afterMs,
      render: (emittedAt: number) => {
        const base = context(emittedAt, step.needs);
        base.vars = step.vars.render(base);
        return step.template.render(base);
      },
    }));
  }

  /** The roles the file gives a stream to. */
  get roles(): string[] {
    return [...this.streams.keys()];
  }

  /** Total delay of a role's stream at time scale 1. */
  durationMs(role: string): number {
    return (this.streams.get(role) ?? []).reduce((sum, step) => sum + step.afterMs, 0);
  }
}

/** The first names of placeholder paths: `session.participants[0]` -> `session`. */
function rootsOf(placeholders: readonly string[]): ReadonlySet<string> {
  return new Set(placeholders.map((path) => /^[^.[]*/.exec(path)![0]));
}
