import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express from 'express';
import type { Authenticator } from '../auth/authenticator';
import { gwsError } from '../errors';
import { BODY_LIMIT } from '../http/app';
import type { FaultInjector } from './injector';

/** The GWS operation requests (see http/gws-routes.ts): the singular path of older GWS docs too. */
const OPERATION_PATH = /^\/api\/v2\/me\/facebooksessions?\/[^/?]+\/?(?:\?.*)?$/;

/**
 * Answers a GWS operation with the error of an armed REST fault instead of performing it; every
 * other request goes on to `app` untouched. It sits in front of the app so that the GWS routes
 * know nothing of faults; it reads the body (to learn the operation) only while a REST fault is
 * armed for the calling agent, with the app's own parser, which the app then does not run again.
 */
export function restFaultGate(app: RequestListener, injector: FaultInjector, authenticator: Authenticator): RequestListener {
  const json = express.json({ limit: BODY_LIMIT, type: () => true });
  return (req: IncomingMessage, res: ServerResponse) => {
    const pass = () => app(req, res);
    if (req.method !== 'POST' || !OPERATION_PATH.test(req.url ?? '')) return pass();
    const caller = authenticator.fromHeaders(req.headers);
    if (!caller.ok || !injector.hasRestFault(caller.user.id)) return pass();
    json(req as express.Request, res as express.Response, (error?: unknown) => {
      if (error) {
        const type = (error as { type?: string }).type;
        const refusal = type === 'entity.too.large' ? gwsError('BODY_TOO_LARGE', BODY_LIMIT) : gwsError('MALFORMED_JSON', (error as Error).message);
        return answer(res, refusal.httpStatus, refusal.toBody());
      }
      const body = (req as { body?: { operationName?: unknown } }).body;
      const operation = typeof body?.operationName === 'string' ? body.operationName : '(no operationName)';
      const fault = injector.restFault(caller.user.id, operation);
      if (!fault) return pass();
      answer(res, fault.httpStatus, fault.body);
    });
  };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
