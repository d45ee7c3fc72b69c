import type { Response } from 'express';
import { GwsError } from '../errors';
import type { User } from '../gws/fixture';
import type { Outcome } from '../gws/operations/registry';
import type { AppDeps } from './app';

/**
 * Performs an agent's REST operation: answers `{statusCode: 0, ...}` (or the operation's own
 * statusCode, StartContactCenterSession's 7), logs the answer or the refusal, and plays the
 * notifications. A refusal is thrown on to the error handler.
 */
export function answerOperation<O extends Outcome>(deps: AppDeps, res: Response, caller: User, body: unknown, where: string, perform: () => O, play: (outcome: O) => void): void {
  const named = (body as { operationName?: unknown } | undefined)?.operationName;
  const operation = typeof named === 'string' ? named : '(no operationName)';
  try {
    const outcome = perform();
    const answer = { statusCode: 0, ...outcome.answer };
    deps.log(`${caller.userName} ${operation}${where}: statusCode ${answer.statusCode}${outcome.referenceId === undefined ? '' : `, referenceId ${outcome.referenceId}`}`);
    res.json(answer);
    play(outcome);
  } catch (error) {
    if (error instanceof GwsError) deps.log(`${caller.userName} ${operation}${where}: statusCode ${error.statusCode}, ${error.message}`);
    throw error;
  }
}
