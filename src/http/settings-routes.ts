import { Router } from 'express';
import type { AppDeps } from './app';

/**
 * GWS's settings API, relative to /api/v2: the agent-states group, the states a desktop offers
 * (Genesys' JavaScript and iOS samples read it to list the NotReady reasons), from the fixture's
 * `agentStates` (the answer's shape, `settings` holding the group, as the SettingsSystem page's
 * samples; the fields of each state: modelled).
 */
export function settingsRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/settings/agent-states', (_req, res) => {
    res.json({ statusCode: 0, settings: deps.model.fixture.agentStates });
  });
  return router;
}
