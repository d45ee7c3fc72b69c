import type { Role } from '../gws/model';
import type { OperationName } from '../gws/types';
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
}

/** A loaded, checked operation stream file, ready to turn an outcome into timed steps. */
export class OperationStream {
  readonly operation: OperationName;
  private readonly streams: Record<Role, CompiledStep[]>;

  constructor(
    readonly file: string,
    source: OperationStreamFile,
  ) {
    this.operation = source.operation;
    const templates = new Map(Object.entries(source.templates).map(([name, t]) => [name, compileTemplate(t)]));
    const compile = (role: Role): CompiledStep[] =>
      source.streams[role].map((step) => ({
        afterMs: step.afterMs,
        jitter: step.jitter,
        template: templates.get(step.send)!,
        vars: compileTemplate(step.vars ?? {}),
      }));
    this.streams = { caller: compile('caller'), target: compile('target'), others: compile('others') };
  }

  /**
   * The steps `role` receives, rendered at emission time from the operation's context; a step's
   * jitter draws from `random`, and a delay never goes below 0.
   */
  stepsFor(role: Role, context: OperationContext, random: Random = Math.random): TimedStep[] {
    return this.streams[role].map((step) => ({
      afterMs: step.jitter ? Math.max(0, step.afterMs + jitterOffset(step.jitter, random)) : step.afterMs,
      render: (emittedAt: number) => {
        const base = context(emittedAt);
        return step.template.render({ ...base, vars: step.vars.render(base) });
      },
    }));
  }

  /** Total delay of a role's stream at time scale 1. */
  durationMs(role: Role): number {
    return this.streams[role].reduce((sum, step) => sum + step.afterMs, 0);
  }
}
