import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Ledger } from '../ledger/ledger';
import type { Settling } from '../settling';
import { gwsError, GwsError } from '../errors';
import type { Authenticator } from '../auth/authenticator';
import { dashboardPage } from '../dashboard/page';
import { dashboardRoutes } from '../dashboard/routes';
import type { SimEvents } from '../events';
import type { GwsModel } from '../gws/model';
import type { Outcome } from '../gws/operations/registry';
import { restFaults } from '../faults/rest';
import type { Journal } from '../journal/journal';
import { journalRest } from '../journal/rest';
import { requestRoutes } from '../journal/routes';
import type { FaultControls } from '../faults/types';
import { csrfProtection, noWebPages, requireAdminToken } from './access';
import { failLater } from './async-error';
import { authenticate } from './authenticate';
import { boundedDepth } from './body-depth';
import { cometdScript, COMETD_SCRIPT_URL } from './cometd-script';
import { corsFor } from './cors';
import { gwsRoutes } from './gws-routes';
import { home } from './home';
import { jsonBodiesOnly } from './json-only';
import { simRoutes } from './sim-routes';

/** Larger bodies are refused with statusCode 1; GWS operation bodies are a few hundred bytes. */
export const BODY_LIMIT = '100kb';

export interface AppDeps {
  model: GwsModel;
  /** How the model changes: every operation goes through it (at once, or in a cluster's order). */
  ledger: Ledger;
  authenticator: Authenticator;
  baseUrl(): string;
  /** The simulator's clock (its manual clock in tests): operations happen at its time. */
  now(): number;
  /** Called with each performed operation (on a session, or on the agent itself: Ready...), to play its notifications. */
  onOutcome(outcome: Outcome): void;
  /** POST /sim/notify: a notification the model does not know, to one agent. */
  notify(body: unknown): void;
  reset(): Settling<unknown>;
  state(): unknown;
  log(line: string): void;
  /** POST/GET/DELETE /sim/faults (src/faults); absent: no such endpoint. */
  faults?: FaultControls;
  /** Required by /sim/* when set. */
  adminToken?: string;
  /** GWS's CSRF mode: X-CSRF-TOKEN required on state-changing /api/v2 requests. */
  csrf?: boolean;
  /** Web origins /api/v2 answers CORS for ("*": any). */
  allowOrigins?: readonly string[];
  /** The live feed operations and refusals are reported to; with it, the dashboard's endpoints under /sim. */
  events?: SimEvents;
  /** The request journal: every /api/v2 request is recorded there; with it, GET and DELETE /sim/requests. */
  journal?: Journal;
}

/** The REST side: the GWS API under /api/v2 and the simulator's controls under /sim. No listen(). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Only application/json reaches the parser on /api/v2 (jsonBodiesOnly: a page of another
  // origin could post text/plain with the agent's cookie).
  const json = express.json({ limit: BODY_LIMIT, type: () => true });
  // CORS preflights of the allowed origins are answered here; any other OPTIONS gets the GWS
  // refusal (Express would answer it with a bare "GET, HEAD").
  const journal = deps.journal;
  // First: a request refused by CORS, authentication or CSRF is journaled too.
  app.use('/api/v2', ...(journal ? [journalRest(journal)] : []), corsFor(deps.allowOrigins ?? [], deps.log));
  app.use((req, _res, next) => next(req.method === 'OPTIONS' ? gwsError('NO_SUCH_RESOURCE', req.method, req.path) : undefined));
  const csrf: RequestHandler[] = deps.csrf ? [csrfProtection(deps.authenticator)] : [];
  const faults: RequestHandler[] = deps.faults ? [restFaults(deps.faults, failLater(deps))] : [];
  app.use('/api/v2', authenticate(deps.authenticator), ...csrf, jsonBodiesOnly(), json, boundedDepth(), ...faults, gwsRoutes(deps));
  // A fault may be posted as a bare SPEC string ("drop:agent2:2"): /sim takes any JSON value.
  const anyJson = express.json({ limit: BODY_LIMIT, type: () => true, strict: false });
  const dashboard = deps.events ? [dashboardRoutes(deps.events, deps.log)] : [];
  const requests = journal ? [requestRoutes(journal)] : [];
  app.use('/sim', requireAdminToken(deps.adminToken), noWebPages({ open: deps.adminToken === undefined }), anyJson, boundedDepth(), simRoutes(deps), ...requests, ...dashboard);
  // JSON for programs; a browser gets the dashboard (src/dashboard).
  app.get('/', home(deps.baseUrl), ...dashboardPage(deps.baseUrl, deps.adminToken));
  app.get(COMETD_SCRIPT_URL, cometdScript());
  app.use((req, _res, next) => next(gwsError('NO_SUCH_RESOURCE', req.method, req.path)));
  app.use(errorHandler(deps.log));
  return app;
}

function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const refusal = toGwsError(error);
    if (refusal.code === 'INTERNAL') log(`internal error on ${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? String(error)}`);
    if (res.headersSent) return;
    res.status(refusal.httpStatus).json(refusal.toBody());
  };
}

/** body-parser and the router signal client mistakes with a 4xx `status` and a `type`. */
function toGwsError(error: unknown): GwsError {
  if (error instanceof GwsError) return error;
  const e = error as { status?: number; type?: string; message?: string; body?: unknown };
  if (e?.type === 'entity.parse.failed') return notJsonObject(e.body) ?? gwsError('MALFORMED_JSON', e.message ?? 'syntax error');
  if (e?.type === 'entity.too.large') return gwsError('BODY_TOO_LARGE', BODY_LIMIT);
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return gwsError('BAD_REQUEST', e.message ?? 'bad request');
  return gwsError('INTERNAL', e?.message ?? String(error));
}

/** body-parser's strict mode calls `null`, `1` or `"x"` "not valid JSON": say what is wrong instead. */
function notJsonObject(body: unknown): GwsError | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    JSON.parse(body);
  } catch {
    return undefined;
  }
  return gwsError('INVALID_PARAMETER', 'body', 'expected a JSON object such as {"operationName": "RemoveParticipantFromConference", ...}');
}
