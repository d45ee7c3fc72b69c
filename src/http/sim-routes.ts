import { Router } from 'express';
import { gwsError } from '../errors';
import { FaultSpecError } from '../faults/spec';
import { FAMILIES, familyNamed } from '../gws/families';
import { customerOperations } from '../gws/operations/registry';
import type { AppDeps } from './app';
import { answerOperation } from './perform';
import { rethrow, whenSettled } from '../settling';
import { agentOperationRoutes } from './sim-agents';

/** Simulator controls, outside the GWS API. */
export function simRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/reset', (_req, res) =>
    whenSettled(
      () => deps.reset(),
      () => {
        deps.log('reset to the fixture');
        res.json({ statusCode: 0 });
      },
      rethrow,
    ),
  );

  router.get('/state', (_req, res) => {
    res.json({ statusCode: 0, state: deps.state() });
  });

  // Faults on demand (README "Faults"): arm with a body of fault objects or SPEC strings.
  router.post('/faults', (req, res) => {
    if (!deps.faults) throw gwsError('NO_SUCH_RESOURCE', req.method, req.originalUrl);
    if (req.body === undefined || (typeof req.body === 'object' && req.body !== null && Object.keys(req.body).length === 0)) {
      throw gwsError('MISSING_PARAMETER', 'faults', 'send {"faults": [SPEC or fault object, ...]}, a list of them, or one, e.g. {"faults": ["drop:agent2:2"]}');
    }
    return whenSettled(
      () => deps.faults!.arm(req.body),
      (armed) => void res.json({ statusCode: 0, armed }),
      (error) => {
        if (error instanceof FaultSpecError) throw gwsError('INVALID_PARAMETER', 'faults', error.message);
        throw error;
      },
    );
  });
  router.get('/faults', (req, res) => {
    if (!deps.faults) throw gwsError('NO_SUCH_RESOURCE', req.method, req.originalUrl);
    res.json({ statusCode: 0, faults: deps.faults.state() });
  });
  router.delete('/faults', (req, res) => {
    if (!deps.faults) throw gwsError('NO_SUCH_RESOURCE', req.method, req.originalUrl);
    return whenSettled(() => deps.faults!.clear(), () => void res.json({ statusCode: 0 }), rethrow);
  });

  router.post('/notify', (req, res) => {
    deps.notify(req.body);
    res.json({ statusCode: 0 });
  });

  // The customer's side, one route per customer operation of the registry, for each medium.
  for (const operation of FAMILIES.flatMap((media) => customerOperations(media.name))) {
    const { collection } = familyNamed(operation.media);
    const route = operation.creates ? `/${collection}` : `/${collection}/:id/${operation.route}`;
    router.post(route, (req, res) => {
      const session = operation.creates ? undefined : String(req.params.id);
      return answerOperation(deps, res, { actor: 'customer', via: 'sim' }, { operation: operation.name, media: operation.media, session }, { kind: 'customer', name: operation.name, session, body: req.body ?? {}, media: operation.media });
    });
  }

  router.use(agentOperationRoutes(deps));

  return router;
}
