import type { Request, RequestHandler, Response } from 'express';
import { ERRORS } from '../errors';
import { FAMILIES } from '../gws/families';
import { restOperationNames } from '../gws/operations/registry';
import { userOf } from '../http/authenticate';
import type { Fault, FaultControls, RestFaultAnswer } from './types';

type RestFault = Extract<Fault, { kind: 'rest' }>;

/**
 * The GWS operation requests under /api/v2 (see http/gws-routes.ts and me-routes.ts): on an
 * interaction of each family's collection (and its older spellings), on one of the agent's
 * channels, on its device and the calls it dials, on the agent.
 */
const OPERATION_PATH = new RegExp(`^/me(?:/(?:${[...FAMILIES.flatMap((m) => [m.collection, ...m.aliases]), 'channels', 'devices'].join('|')})/[^/]+|/devices/[^/]+/calls)?/?$`, 'i');

/**
 * Answers a GWS operation with the error of an armed REST fault instead of performing it. It goes
 * under /api/v2 after authentication, the CSRF check and the body parser, so a faulted call is
 * refused for the same reasons as any other, and before the GWS routes, which know nothing of faults.
 * An async-error fault's call is answered by `asyncError` (statusCode 0, then an Error notification).
 */
export function restFaults(
  { restFault: lookup, restFaultsArmed }: Pick<FaultControls, 'restFault' | 'restFaultsArmed'>,
  asyncError: (req: Request, res: Response, errorMessage: string) => unknown,
): RequestHandler {
  return (req, res, next) => {
    // The usual case, on every operation: no REST fault armed.
    if (req.method !== 'POST' || !restFaultsArmed() || !OPERATION_PATH.test(req.path)) return next();
    const body = req.body as { operationName?: unknown } | undefined;
    const operation = body?.operationName;
    // A call that names no operation gws-sim knows is refused as such, fault or not.
    if (typeof operation !== 'string' || !restOperationNames().includes(operation)) return next();
    const answer = lookup(userOf(res).id, operation);
    if (!answer) return next();
    if ('asyncError' in answer) return asyncError(req, res, answer.asyncError);
    res.status(answer.httpStatus).json(answer.body);
  };
}

/** What a REST fault answers: its statusCode, the HTTP status GWS gives it, and a message naming the fault. */
export function restFaultAnswer(fault: RestFault, spec: string, operation: string): RestFaultAnswer {
  const statusCode = fault.error ? ERRORS[fault.error].statusCode : fault.statusCode!;
  const httpStatus = fault.httpStatus ?? (fault.error ? ERRORS[fault.error].httpStatus : httpStatusOf(statusCode));
  const statusMessage = fault.statusMessage ?? `Fault injected by gws-sim (${spec}): ${operation} was not performed${fault.error ? ` (${fault.error})` : ''}.`;
  return { httpStatus, body: { statusCode, statusMessage } };
}

/** The HTTP status gws-sim's catalogue gives a statusCode; 500 for one it does not know. */
function httpStatusOf(statusCode: number): number {
  return Object.values(ERRORS).find((e) => e.statusCode === statusCode)?.httpStatus ?? 500;
}
