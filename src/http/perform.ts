import type { Response } from 'express';
import { GwsError } from '../errors';
import type { OperationEvent } from '../events-wire';
import type { OperationOutcome } from '../gws/operations/registry';
import type { AppDeps } from './app';

/** Who asks for an operation, and how: what the log line and the dashboard's timeline say of it. */
export interface Performer {
  actor: OperationEvent['actor'];
  /** The agent's user name (an agent's operation). */
  agent?: string;
  via: OperationEvent['via'];
}

/**
 * Answers a request with an operation: performs it, logs it, reports it to the live feed, answers
 * `{statusCode: 0, ...}` and plays its notifications. A refusal is logged and reported, then
 * thrown on to the error handler, which answers it.
 */
export function answerOperation(
  deps: AppDeps,
  res: Response,
  who: Performer,
  request: { operation: string; media: string; session: string | undefined },
  perform: () => OperationOutcome,
): void {
  const name = who.agent ?? who.actor;
  try {
    const outcome = perform();
    const reference = outcome.referenceId === undefined ? '' : `, referenceId ${outcome.referenceId}`;
    deps.log(`${name} ${request.operation} on ${outcome.session.id}: statusCode 0${reference}`);
    deps.events?.operation({ ...who, ...request, session: outcome.session.id, statusCode: 0, answer: outcome.answer });
    res.json({ statusCode: 0, ...outcome.answer });
    deps.onOutcome(outcome);
  } catch (error) {
    if (error instanceof GwsError) {
      deps.log(`${name} ${request.operation} on ${request.session ?? '(new session)'}: statusCode ${error.statusCode}, ${error.message}`);
      deps.events?.operation({ ...who, ...request, statusCode: error.statusCode, statusMessage: error.message });
    }
    throw error;
  }
}

/** What a request body asks for, as the log and the timeline name it before anything is checked. */
export function operationRequest(body: unknown, media: string, session: string | undefined): { operation: string; media: string; session: string | undefined } {
  const name = (body as { operationName?: unknown } | undefined)?.operationName;
  return { operation: typeof name === 'string' ? name : '(no operationName)', media, session };
}
