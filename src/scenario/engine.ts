import type { OperationOutcome } from '../gws/model';
import type { OperationName } from '../gws/types';
import { contextFor } from './context';
import type { StreamPlayer } from './player';
import type { OperationStream } from './stream';

/** Turns each operation's outcome into per-agent streams, as its stream file says. */
export class ScenarioEngine {
  constructor(
    private readonly streams: ReadonlyMap<OperationName, OperationStream>,
    private readonly player: StreamPlayer,
    private readonly baseUrl: () => string,
  ) {}

  play(outcome: OperationOutcome): void {
    const stream = this.streams.get(outcome.operation);
    if (!stream) throw new Error(`no stream file is loaded for ${outcome.operation}`);
    const context = contextFor(outcome, this.baseUrl());
    for (const { role, userId } of outcome.recipients) {
      this.player.play(userId, stream.stepsFor(role, context));
    }
  }

  cancelAll(): void {
    this.player.cancelAll();
  }
}
