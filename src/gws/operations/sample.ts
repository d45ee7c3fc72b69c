import type { GwsModel } from '../model';
import type { SampleCall } from './operation';
import { operationNamed, performAgentState, performCustomer, performOperation, type Outcome } from './registry';
import type { MediaName } from '../media';

/**
 * Performs sample calls in order on `model` (an offer's session is the one later calls without a
 * session act on; `media` is the sessions' medium) and returns each outcome.
 */
export function performCalls(model: GwsModel, calls: readonly SampleCall[], media: MediaName = 'facebook', now = Date.now()): Outcome[] {
  let offered: string | undefined;
  return calls.map((call) => {
    const operation = operationNamed(call.operation, media);
    if (!operation) throw new Error(`sample call of an unknown operation ${call.operation}`);
    const session = call.session ?? offered;
    if (operation.actor === 'customer') {
      const outcome = performCustomer(model, operation.name, operation.creates ? undefined : session, call.params, media, now);
      if (operation.creates) offered = outcome.session.id;
      return outcome;
    }
    const caller = model.userById(call.as ?? '');
    if (caller && operation.actor === 'agent-state') return performAgentState(model, caller, call.channel, { operationName: operation.name, ...call.params }, now);
    if (!caller || session === undefined) throw new Error(`sample call of ${call.operation} names no caller or session`);
    return performOperation(model, caller, session, { operationName: operation.name, ...call.params }, media, now);
  });
}

/** The operation performed where it can succeed on `model`, with the calls that lead there; undefined where it cannot. */
export function sampleOf(model: GwsModel, name: string, media: MediaName = 'facebook'): { calls: SampleCall[]; outcomes: Outcome[] } | undefined {
  const calls = operationNamed(name, media)?.sample(model);
  return calls && { calls, outcomes: performCalls(model, calls, media) };
}
