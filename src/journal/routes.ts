import { Router } from 'express';
import { gwsError } from '../errors';
import { differences, RequestQuerySchema, type RequestFilter } from './filter';
import type { Journal } from './journal';

/**
 * `GET /sim/requests`: the journaled requests that match the query's filter, oldest first, as
 * `{statusCode: 0, requests, journal}` or, with `?format=ndjson` (or `Accept: application/x-ndjson`),
 * one JSON object per line. `DELETE /sim/requests` empties the journal.
 */
export function requestRoutes(journal: Journal): Router {
  const router = Router();
  router.get('/requests', (req, res) => {
    const parsed = RequestQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = String(issue.path[0] ?? 'query');
      const hint = issue.code === 'unrecognized_keys' ? `no filter '${issue.keys.join(', ')}'; filters: ${Object.keys(RequestQuerySchema.shape ?? {}).join(', ')}` : issue.message;
      throw gwsError('INVALID_PARAMETER', issue.code === 'unrecognized_keys' ? issue.keys[0] : name, hint);
    }
    const { format, ...filter } = parsed.data;
    const requests = journal.entries().filter((entry) => differences(filter as RequestFilter, entry).length === 0);
    if (format === 'ndjson' || (format === undefined && (req.get('accept') ?? '').includes('application/x-ndjson'))) {
      res.type('application/x-ndjson').send(requests.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      return;
    }
    res.json({ statusCode: 0, requests, journal: journal.stats() });
  });
  router.delete('/requests', (_req, res) => {
    journal.clear();
    res.json({ statusCode: 0 });
  });
  return router;
}
