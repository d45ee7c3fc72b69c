import { Router } from 'express';
import type { AppDeps } from './app';

/** Simulator controls, outside the GWS API. */
export function simRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/reset', (_req, res) => {
    deps.reset();
    deps.log('reset to the fixture');
    res.json({ statusCode: 0 });
  });

  router.get('/state', (_req, res) => {
    res.json({ statusCode: 0, state: deps.state() });
  });

  return router;
}
