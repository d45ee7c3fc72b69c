import type { RequestHandler } from 'express';

/** `GET /` for programs (what does not accept HTML): where the API is. A browser goes on to the dashboard. */
export function home(baseUrl: () => string): RequestHandler {
  return (req, res, next) => {
    if (req.accepts(['json', 'html']) === 'html') return next();
    const base = baseUrl();
    res.json({ statusCode: 0, name: 'gws-sim', api: `${base}/api/v2`, cometd: `${base}/api/v2/notifications` });
  };
}
