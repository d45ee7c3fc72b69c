import type { Response } from 'express';
import { SESSION_COOKIE } from '../auth/authenticator';
import { GwsError } from '../errors';
import type { OperationEvent } from '../events-wire';
import type { Outcome } from '../gws/operations/registry';
import { rethrow, whenSettled, type Settling } from '../settling';
import type { Change } from '../ledger/change';
import { changeOf } from '../state';
import type { AppDeps } from './app';
import { tellAsyncError } from './async-error';

/** Who asks for an operation, and how: what the log line and the dashboard's timeline say of it. */
export interface Performer {
  actor: OperationEvent['actor'];
  /** The agent's user name (an agent's operation). */
  agent?: string;
  via: OperationEvent['via'];
}

/** What a request asks for, before anything is checked: the operation, and the session or channel it names. */
export interface OperationRequest {
  operation: string;
  /** The medium of the session; none for an operation on the agent itself. */
  media?: string;
  session?: string;
  /** The channel of an operation on it (Ready, NotReady). */
  channel?: string;
}

/**
 * Answers a request with an operation: performs it, logs it, reports it to the live feed, answers
 * `{statusCode: 0, ...}` (or the operation's own, a partial success's 7) and plays its
 * notifications. A refusal is logged and reported, then thrown on to the error handler, which answers it;
 * one GWS reports later (GwsError.asynchronous) is answered statusCode 0 and told as an Error notification.
 */
export function answerOperation(deps: AppDeps, res: Response, who: Performer, request: OperationRequest, change: Extract<Change, { kind: 'operation' | 'create' | 'customer' | 'agentState' | 'device' }>): Settling<void> {
  const name = who.agent ?? who.actor;
  const answered = (outcome: Outcome) => {
    const answer = { statusCode: 0, ...outcome.answer };
    const session = outcome.media === undefined ? undefined : outcome.session.id;
    const reference = outcome.referenceId === undefined ? '' : `, referenceId ${outcome.referenceId}`;
    deps.log(printable(`${name} ${request.operation}${where({ ...request, session })}: statusCode ${answer.statusCode}${reference}`));
    deps.events?.operation({ ...who, ...request, session, statusCode: answer.statusCode as number, answer: outcome.answer, changed: changeOf(deps.model, deps.baseUrl(), outcome) });
    if ('endsHttpSession' in outcome && outcome.endsHttpSession) res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.locals.referenceId = outcome.referenceId; // the request journal's: the operation's notifications carry it
    res.json(answer);
    deps.onOutcome(outcome);
  };
  const refused = (error: unknown): Settling<void> => {
    if (error instanceof GwsError && error.asynchronous && who.agent !== undefined) {
      return whenSettled(
        () => deps.ledger.perform({ kind: 'reference' }),
        (referenceId) => {
          deps.log(printable(`${name} ${request.operation}${where(request)}: statusCode 0, referenceId ${referenceId}; then an Error notification: ${error.message}`));
          deps.events?.operation({ ...who, ...request, statusCode: 0, answer: { referenceId } });
          res.json({ statusCode: 0, referenceId });
          tellAsyncError(deps, who.agent!, request.media === undefined ? { agentState: true } : { media: request.media }, referenceId, error.message);
        },
        rethrow,
      );
    }
    if (error instanceof GwsError) {
      deps.log(printable(`${name} ${request.operation}${where(request, '(new session)')}: statusCode ${error.statusCode}, ${error.message}`));
      deps.events?.operation({ ...who, ...request, statusCode: error.statusCode, statusMessage: error.message });
    }
    throw error;
  };
  return whenSettled(() => deps.ledger.perform(change) as Settling<Outcome>, answered, refused);
}

/** " on <session>", " on channel <channel>", or nothing for an operation on the agent itself. */
function where(request: OperationRequest, noSession?: string): string {
  if (request.session !== undefined) return ` on ${request.session}`;
  if (request.channel !== undefined) return ` on channel ${request.channel}`;
  return request.media !== undefined && noSession ? ` on ${noSession}` : '';
}

/** What a request body asks for, as the log and the timeline name it before anything is checked. */
export function operationRequest(body: unknown, target: Omit<OperationRequest, 'operation'>): OperationRequest {
  const name = (body as { operationName?: unknown } | undefined)?.operationName;
  return { operation: typeof name === 'string' ? name : '(no operationName)', ...target };
}

/** A log line of what a request named (its operationName, its path's id): control characters shown as \uXXXX, so no request forges a line. */
function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
