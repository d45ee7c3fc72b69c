import type { GwsModel } from '../model';
import type { SampleCall } from './operation';
import { operationNamed, performAgentState, performCreating, performCustomer, performOnDevice, performOperation, type Outcome } from './registry';
import { DEFAULT_MEDIA, type MediaName } from '../families';

/**
 * Performs sample calls in order on `model` (an offer's session is the one later calls without a
 * session act on; `media` is the sessions' medium) and returns each outcome.
 */
export function performCalls(model: GwsModel, calls: readonly SampleCall[], media: MediaName = DEFAULT_MEDIA, now = Date.now()): Outcome[] {
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
    const body = { operationName: operation.name, ...call.params };
    if (caller && operation.actor === 'agent-state') {
      return operation.target === 'device' ? performOnDevice(model, caller, model.deviceOf(caller.id).id, body, now) : performAgentState(model, caller, call.channel, body, now);
    }
    if (caller && operation.actor === 'agent' && operation.creates) {
      const outcome = performCreating(model, caller, model.deviceOf(caller.id).id, body, media, now);
      offered = outcome.session.id;
      return outcome;
    }
    if (!caller || session === undefined) throw new Error(`sample call of ${call.operation} names no caller or session`);
    // A call is named by the caller's own leg of it (families/voice).
    const leg = model.session(session).legs?.[caller.id]?.id;
    return performOperation(model, caller, leg ?? session, body, media, now);
  });
}

/** The operation performed where it can succeed on `model`, with the calls that lead there; undefined where it cannot. */
export function sampleOf(model: GwsModel, name: string, media: MediaName = DEFAULT_MEDIA): { calls: SampleCall[]; outcomes: Outcome[] } | undefined {
  const calls = operationNamed(name, media)?.sample(model);
  return calls && { calls, outcomes: performCalls(model, calls, media) };
}
