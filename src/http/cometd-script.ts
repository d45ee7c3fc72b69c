import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { gwsError } from '../errors';

/** Where `npm run build` writes the CometD browser build (src/client/build-cometd-bundle.mjs): src/ and dist/ both sit one level below the package root. */
const COMETD_BROWSER_BUILD = path.join(__dirname, '..', '..', 'dist', 'vendor', 'cometd.browser.js');
/** Its URL: a desktop page of any origin imports `{ CometD }` from here. */
export const COMETD_SCRIPT_URL = '/cometd.js';

/**
 * `GET /cometd.js`: the official CometD browser build (an ES module) as a convenience, so a desktop page needs no
 * bundler or CDN. A public script that carries no credentials: any origin may load it (module scripts are fetched
 * with CORS).
 */
export function cometdScript(): RequestHandler {
  let script: Promise<Buffer> | undefined;
  return (req, res, next) => {
    script ??= readFile(COMETD_BROWSER_BUILD);
    script.then(
      (body) => {
        res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
        res.type('text/javascript').send(body);
      },
      () => {
        script = undefined;
        next(gwsError('NO_SUCH_RESOURCE', req.method, `${req.path} (not built: run npm run build)`));
      },
    );
  };
}
