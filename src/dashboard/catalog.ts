import { z } from 'zod';
import { SPEC_SYNTAX } from '../faults/spec';
import { CHANNELS, familyNamed, FAMILIES } from '../gws/families';
import type { Operation } from '../gws/operations/operation';
import { REGISTRY } from '../gws/operations/registry';

/**
 * `GET /sim/operations`: what the simulator can do, read from the operation registry and the media,
 * so that the dashboard's forms follow the registry: each operation's parameters as a JSON Schema
 * (from its zod schema, as a request body gives them), the path a customer's action is posted to,
 * what an agent-state operation acts on (the agent or one of its channels), and the fault SPEC forms.
 */
export function catalog() {
  return {
    media: FAMILIES.map(({ name, collection, resource, topic }) => ({ name, collection, resource, topic })),
    agentOperations: REGISTRY.flatMap((o) => (o.actor === 'agent' ? [{ ...common(o), states: o.states }] : [])),
    customerOperations: REGISTRY.flatMap((o) => {
      if (o.actor !== 'customer') return [];
      const collection = familyNamed(o.media).collection;
      return [{ ...common(o), creates: o.creates === true, path: o.creates ? `/sim/${collection}` : `/sim/${collection}/{id}/${o.route}` }];
    }),
    // The agent's day: on the agent itself (POST /sim/agents/{user}) or on one of its channels (.../channels/{channel}).
    agentStateOperations: REGISTRY.flatMap((o) => (o.actor === 'agent-state' ? [{ ...common(o), target: o.target }] : [])),
    channels: CHANNELS,
    faults: Object.entries(SPEC_SYNTAX).map(([kind, { form, example }]) => ({ kind, form, example })),
  };
}

export type Catalog = ReturnType<typeof catalog>;

function common(operation: Operation) {
  const { media, name, summary, example } = operation;
  return { media, name, summary, example, parameters: z.toJSONSchema(operation.params, { io: 'input', unrepresentable: 'any' }) };
}
