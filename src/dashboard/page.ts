import path from 'node:path';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GwsError } from '../errors';
import { adminTokenFromQuery, noWebPages, requireAdminToken } from '../http/access';

/** Where `npm run build` writes the page's script and styles (src/dashboard/build-page.mjs): src/ and dist/ both sit one level below the package root. */
export const PAGE_ASSETS = path.join(__dirname, '..', '..', 'dist', 'dashboard', 'page');
/** Their URL: under /sim, so the same protection covers them. */
export const ASSETS_URL = '/sim/dashboard';

/**
 * The dashboard's own rules on top of /sim's: scripts only from the simulator, no framing by
 * another page (a framed Reset button could be clicked for the tester), no Referer.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * `GET /` for a browser: the dashboard, under the rules of /sim (README "Dashboard"): the admin
 * token when there is one (`/?token=...` once, then a cookie), a loopback Host when there is none.
 * A refusal is a page that says what to do.
 */
export function dashboardPage(baseUrl: () => string, adminToken: string | undefined): (RequestHandler | ErrorRequestHandler)[] {
  const serve: RequestHandler = (_req, res) => {
    res.set(PAGE_HEADERS).type('html').send(shell(baseUrl()));
  };
  const refuse: ErrorRequestHandler = (error, _req, res, next) => {
    if (!(error instanceof GwsError)) return next(error);
    res.status(error.httpStatus).set(PAGE_HEADERS).type('html').send(refusal(error, adminToken !== undefined));
  };
  return [adminTokenFromQuery(adminToken), requireAdminToken(adminToken), noWebPages({ open: adminToken === undefined }), serve, refuse];
}

/** The page before its script runs: where things are, in case the script cannot load. */
function shell(base: string): string {
  const b = escape(base);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gws-sim dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS_URL}/app.css">
<script type="module" src="${ASSETS_URL}/app.js"></script>
</head>
<body>
<div id="app">
<main class="fallback">
<h1>gws-sim</h1>
<p>A CometD/Bayeux notification simulator for the Genesys Web Services (GWS) v2 API. The dashboard's script did not run:
it needs JavaScript, and <code>npm run build</code> (which <code>npm start</code> and <code>npm ci</code> run) to have built it.</p>
<ul>
<li>GWS REST API: <code>${b}/api/v2</code>, HTTP Basic <code>agent1:agent1</code> (e.g. <a href="${b}/api/v2/me">${b}/api/v2/me</a>)</li>
<li>CometD (long-polling and websocket): <code>${b}/api/v2/notifications</code>, channel <code>/v2/notifications</code></li>
<li>Simulator state: <a href="${b}/sim/state">${b}/sim/state</a>; back to the fixture: <code>POST ${b}/sim/reset</code></li>
</ul>
<p>Documentation: <code>README.md</code> and <code>scenarios/README.md</code> in the gws-sim package
(<code>node_modules/gws-sim/</code> in a project that uses it), or <code>gws-sim --help</code>.</p>
</main>
</div>
</body>
</html>
`;
}

function refusal(error: GwsError, tokenRequired: boolean): string {
  const how = tokenRequired
    ? '<p>This simulator has an admin token (<code>--admin-token</code>, or the one printed at start-up). Open <code>/?token=&lt;token&gt;</code> once: the page keeps it in a cookie.</p>'
    : '<p>Without an admin token the dashboard answers only on a loopback address: open <code>http://127.0.0.1:PORT/</code>.</p>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>gws-sim dashboard: refused</title></head>
<body><main class="fallback">
<h1>gws-sim dashboard: refused</h1>
<p>${escape(error.message)}</p>
${how}
</main></body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
