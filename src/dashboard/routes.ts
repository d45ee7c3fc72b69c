import express, { Router } from 'express';
import type { SimEvents } from '../events';
import { catalog } from './catalog';
import { eventFeed } from './feed';
import { PAGE_ASSETS } from './page';

/** The dashboard's endpoints under /sim (behind its admin token and web-page rules): its feed, the registry it builds forms from, its script and styles. */
export function dashboardRoutes(events: SimEvents, log: (line: string) => void): Router {
  const router = Router();
  router.get('/events', eventFeed(events, { log }));
  router.get('/operations', (_req, res) => {
    res.json({ statusCode: 0, ...catalog() });
  });
  router.use('/dashboard', express.static(PAGE_ASSETS, { index: false, fallthrough: true }));
  return router;
}
