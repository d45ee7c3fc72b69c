import type { Clock } from './scenario/clock';
import { GwsError } from './errors';
import type { GwsModel } from './gws/model';
import type { Scheduled } from './gws/operations/operation';
import { performAgentState, performCustomer, type Outcome } from './gws/operations/registry';

/**
 * Runs what operations make happen later (after-call work ending, a customer answering an
 * outbound call) on the simulator's clock, scaled as streams are. Each is performed as data at its
 * time: one whose situation has changed meanwhile (the agent set another state, the agent hung up
 * first) is dropped. Reset and close cancel those still waiting.
 */
export class ScheduledActions {
  private readonly cancels = new Set<() => void>();

  constructor(
    private readonly model: GwsModel,
    private readonly clock: Clock,
    private readonly timeScale: number,
    private readonly done: (outcome: Outcome, actor: 'agent' | 'customer') => void,
    private readonly log: (line: string) => void,
  ) {}

  /** Schedules the outcome's actions, and those of the offers it made. */
  follow(outcome: Outcome): void {
    for (const action of 'scheduled' in outcome ? outcome.scheduled : []) this.schedule(action);
    for (const followUp of outcome.followUps) this.follow(followUp);
  }

  get pending(): number {
    return this.cancels.size;
  }

  cancelAll(): void {
    for (const cancel of [...this.cancels]) cancel();
    this.cancels.clear();
  }

  private schedule(action: Scheduled): void {
    const cancel = this.clock.schedule(action.afterMs * this.timeScale, () => {
      this.cancels.delete(cancel);
      const outcome = this.perform(action);
      if (outcome) this.done(outcome, 'customer' in action ? 'customer' : 'agent');
    });
    this.cancels.add(cancel);
  }

  private perform(action: Scheduled): Outcome | undefined {
    try {
      if ('customer' in action) return performCustomer(this.model, action.customer, action.session, action.params, action.media, this.clock.now());
      const user = this.model.userById(action.as);
      if (!user || this.model.channels.stampOf(user.id, action.channel) !== action.whileStamp) return undefined;
      return performAgentState(this.model, user, action.channel, action.params, this.clock.now());
    } catch (error) {
      // The call or the agent moved on: nothing to do. Anything else is a bug, logged: a timer must not take the server down.
      if (!(error instanceof GwsError)) this.log(`cannot perform what was scheduled (${JSON.stringify(action)}): ${(error as Error).message}`);
      return undefined;
    }
  }
}
