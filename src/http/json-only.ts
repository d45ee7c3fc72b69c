import type { RequestHandler } from 'express';
import { gwsError } from '../errors';

/**
 * A body on /api/v2 must be sent as `application/json` (parameters such as charset allowed).
 * A page of another origin may send text/plain, a form or multipart with the agent's cookie and
 * without asking first (a `no-cors` fetch, an `enctype="text/plain"` form): only JSON makes the
 * browser ask (a CORS preflight), which other origins are refused. A request without a body
 * (no Content-Length or 0, no Transfer-Encoding) passes whatever it names.
 */
export function jsonBodiesOnly(): RequestHandler {
  return (req, _res, next) => {
    if (!hasBody(req.headers)) return next();
    const contentType = req.headers['content-type'];
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType === 'application/json') return next();
    next(gwsError('NOT_JSON_CONTENT_TYPE', contentType === undefined ? 'no Content-Type' : `Content-Type '${contentType.slice(0, 100)}'`));
  };
}

function hasBody(headers: { 'content-length'?: string; 'transfer-encoding'?: string }): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = Number(headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > 0;
}
