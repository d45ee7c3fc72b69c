import type { Outcome } from '../gws/operations/registry';
import { contextFor } from './context';
import { seededRandom, type Random } from './jitter';
import { streamKey, type OperationStreams } from './loader';
import type { StreamPlayer } from './player';

/** Turns each operation's outcome into per-agent streams, as its stream file says. */
export class ScenarioEngine {
  private random: Random;

  /** `seed` makes jitter repeatable: the same seed and operations give the same delays. */
  constructor(
    private readonly streams: OperationStreams,
    private readonly player: StreamPlayer,
    private readonly baseUrl: () => string,
    private readonly seed = 1,
  ) {
    this.random = seededRandom(seed);
  }

  /**
   * Plays the outcome's streams, with those it has on other interactions before or after them (a
   * transfer's consultation call), then those of the offers routing made because of it.
   */
  play(outcome: Outcome): void {
    for (const other of 'before' in outcome ? outcome.before : []) this.play(other);
    this.playOwn(outcome);
    for (const other of 'after' in outcome ? outcome.after : []) this.play(other);
    for (const followUp of outcome.followUps) this.play(followUp);
  }

  private playOwn(outcome: Outcome): void {
    const stream = this.streams.get(streamKey(outcome.media, outcome.operation));
    if (!stream) throw new Error(`no stream file is loaded for ${outcome.operation}`);
    for (const recipient of outcome.recipients) {
      const context = contextFor(outcome, this.baseUrl(), recipient);
      this.player.play(recipient.userId, stream.stepsFor(recipient.role, context, this.random), recipient.topic ?? outcome.topic);
    }
  }

  cancelAll(): void {
    this.player.cancelAll();
  }

  /** Cancels every stream and starts the jitter sequence over, as at start-up. */
  reset(): void {
    this.cancelAll();
    this.random = seededRandom(this.seed);
  }
}
