import type { RequestHandler } from 'express';

/**
 * `GET /`: JSON for programs (as before); a browser (Accept: text/html) gets a small page that
 * says what runs here and where to read on, until a dashboard exists.
 */
export function home(baseUrl: () => string): RequestHandler {
  return (req, res) => {
    const base = baseUrl();
    const endpoints = { api: `${base}/api/v2`, cometd: `${base}/api/v2/notifications` };
    if (req.accepts(['json', 'html']) !== 'html') {
      res.json({ statusCode: 0, name: 'gws-sim', ...endpoints });
      return;
    }
    res.type('html').send(page(base, endpoints.cometd));
  };
}

function page(base: string, cometd: string): string {
  const b = escape(base);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>gws-sim</title></head>
<body>
<h1>gws-sim is running</h1>
<p>A CometD/Bayeux notification simulator for the Genesys Web Services (GWS) v2 API. There is no dashboard yet:
point your desktop or your tests at the endpoints below.</p>
<ul>
<li>GWS REST API: <code>${b}/api/v2</code>, HTTP Basic <code>agent1:agent1</code> (e.g. <a href="${b}/api/v2/me">${b}/api/v2/me</a>)</li>
<li>CometD (long-polling and websocket): <code>${escape(cometd)}</code>, channel <code>/v2/notifications</code></li>
<li>Simulator state: <a href="${b}/sim/state">${b}/sim/state</a>; back to the fixture: <code>POST ${b}/sim/reset</code></li>
</ul>
<p>Documentation: <code>README.md</code> and <code>scenarios/README.md</code> in the gws-sim package
(<code>node_modules/gws-sim/</code> in a project that uses it), or <code>gws-sim --help</code>.</p>
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
