import type { Clock } from './scenario/clock';
import type { Scheduled } from './gws/operations/operation';
import type { Ledger } from './ledger/ledger';
import { whenSettled } from './settling';
import type { Outcome } from './gws/operations/registry';

/**
 * Runs what operations make happen later (after-call work ending, a customer answering an
 * outbound call) on the simulator's clock, scaled as streams are. Each is performed as data at its
 * time: one whose situation has changed meanwhile (the agent set another state, the agent hung up
 * first) is dropped. Reset and close cancel those still waiting.
 */
export class ScheduledActions {
  private readonly cancels = new Set<() => void>();

  constructor(
    private readonly ledger: Ledger,
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
      void whenSettled(
        () => this.ledger.perform({ kind: 'scheduled', action }),
        (outcome) => {
          if (outcome) this.done(outcome, 'customer' in action ? 'customer' : 'agent');
        },
        // A timer must not take the server down.
        (error) => this.log(`cannot perform what was scheduled (${JSON.stringify(action)}): ${(error as Error).message}`),
      );
    });
    this.cancels.add(cancel);
  }
}
