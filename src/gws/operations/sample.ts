import type { GwsModel } from '../model';
import type { SampleCall } from './operation';
import { operationNamed, performAgentState, performCreating, performCustomer, performOnDevice, performOperation, type Outcome } from './registry';
import { DEFAULT_MEDIA, type MediaName } from '../families';

/**
 * Performs sample calls in order on `model` (an offer's, a Dial's or a consultation's call is the
 * session later calls without a session act on, as is the call an operation told of) and returns
 * each outcome; `params` receives each call's parameters as performed.
 */
export function performCalls(model: GwsModel, calls: readonly SampleCall[], media: MediaName = DEFAULT_MEDIA, now = Date.now(), params: Record<string, unknown>[] = []): Outcome[] {
  let current: string | undefined;
  return calls.map((call) => {
    const operation = operationNamed(call.operation, media);
    if (!operation) throw new Error(`sample call of an unknown operation ${call.operation}`);
    const session = call.session ?? current;
    const given = typeof call.params === 'function' ? call.params(model) : call.params;
    params.push(given);
    if (operation.actor === 'customer') {
      const outcome = performCustomer(model, operation.name, operation.creates ? undefined : session, given, media, now);
      if (operation.creates) current = outcome.session.id;
      return outcome;
    }
    const caller = model.userById(call.as ?? '');
    const body = { operationName: operation.name, ...given };
    if (caller && operation.actor === 'agent-state') {
      return operation.target === 'device' ? performOnDevice(model, caller, model.deviceOf(caller.id).id, body, now) : performAgentState(model, caller, call.channel, body, now);
    }
    if (caller && operation.actor === 'agent' && operation.creates) {
      const outcome = performCreating(model, caller, model.deviceOf(caller.id).id, body, media, now);
      current = outcome.session.id;
      return outcome;
    }
    if (!caller || session === undefined) throw new Error(`sample call of ${call.operation} names no caller or session`);
    // A call is named by the caller's own leg of it (families/voice).
    const leg = model.session(session).legs?.[caller.id]?.id;
    const outcome = performOperation(model, caller, leg ?? session, body, media, now);
    // A consultation call is where the calls after it act (the consulted agent answers it); after a
    // completion, the original call the operation told of.
    current = outcome.created ?? outcome.session.id;
    return outcome;
  });
}

/** The operation performed where it can succeed on `model`, with the calls that lead there; undefined where it cannot. */
export function sampleOf(model: GwsModel, name: string, media: MediaName = DEFAULT_MEDIA): { calls: SampleCall[]; outcomes: Outcome[] } | undefined {
  const calls = operationNamed(name, media)?.sample(model);
  return calls && { calls, outcomes: performCalls(model, calls, media) };
}
