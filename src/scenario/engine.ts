import type { OperationOutcome } from '../gws/model';
import type { OperationName } from '../gws/types';
import { contextFor } from './context';
import { seededRandom, type Random } from './jitter';
import type { StreamPlayer } from './player';
import type { OperationStream } from './stream';

/** Turns each operation's outcome into per-agent streams, as its stream file says. */
export class ScenarioEngine {
  private random: Random;

  /** `seed` makes jitter repeatable: the same seed and operations give the same delays. */
  constructor(
    private readonly streams: ReadonlyMap<OperationName, OperationStream>,
    private readonly player: StreamPlayer,
    private readonly baseUrl: () => string,
    private readonly seed = 1,
  ) {
    this.random = seededRandom(seed);
  }

  play(outcome: OperationOutcome): void {
    const stream = this.streams.get(outcome.operation);
    if (!stream) throw new Error(`no stream file is loaded for ${outcome.operation}`);
    const context = contextFor(outcome, this.baseUrl());
    for (const { role, userId } of outcome.recipients) {
      this.player.play(userId, stream.stepsFor(role, context, this.random));
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
