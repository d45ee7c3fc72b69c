import { z } from 'zod';
import { SPEC_SYNTAX } from '../faults/spec';
import { CHANNELS, DEVICE_CHANNEL, familyNamed, FAMILIES } from '../gws/families';
import type { Operation } from '../gws/operations/operation';
import { REGISTRY } from '../gws/operations/registry';

/**
 * `GET /sim/operations`: what the simulator can do, read from the operation registry and the media,
 * so that the dashboard's forms follow the registry: each operation's parameters as a JSON Schema
 * (from its zod schema, as a request body gives them), the path a customer's action (or an agent's
 * Dial) is posted to, what an agent-state operation acts on (the agent, one of its channels or its
 * device), and the fault SPEC forms.
 */
export function catalog() {
  return {
    media: FAMILIES.map(({ name, collection, resource, topic }) => ({ name, collection, resource, topic })),
    // One that creates an interaction (Dial) is posted to the agent's device, not to a session.
    agentOperations: REGISTRY.flatMap((o) => (o.actor === 'agent' ? [{ ...common(o), states: o.states, ...(o.creates ? { creates: true, path: '/sim/agents/{user}/devices/{device}/calls' } : {}) }] : [])),
    customerOperations: REGISTRY.flatMap((o) => {
      if (o.actor !== 'customer') return [];
      const collection = familyNamed(o.media).collection;
      return [{ ...common(o), creates: o.creates === true, path: o.creates ? `/sim/${collection}` : `/sim/${collection}/{id}/${o.route}` }];
    }),
    // The agent's day: on the agent itself (POST /sim/agents/{user}), on one of its channels (.../channels/{channel}) or on its device (.../devices/{device}).
    agentStateOperations: REGISTRY.flatMap((o) => (o.actor === 'agent-state' ? [{ ...common(o), target: o.target }] : [])),
    channels: CHANNELS,
    // The channel whose state the agent's phone shows (its device's userState).
    deviceChannel: DEVICE_CHANNEL,
    faults: Object.entries(SPEC_SYNTAX).map(([kind, { form, example }]) => ({ kind, form, example })),
  };
}

export type Catalog = ReturnType<typeof catalog>;

function common(operation: Operation) {
  const { media, name, summary, example } = operation;
  return { media, name, summary, example, parameters: z.toJSONSchema(operation.params, { io: 'input', unrepresentable: 'any' }) };
}
