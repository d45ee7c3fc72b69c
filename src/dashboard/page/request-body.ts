import type { JsonSchema } from './types';

/** What a form's fields hold, by parameter name. */
export type Values = Record<string, string | boolean>;

/**
 * The request body for the values typed: empty fields are left out (the simulator then says what
 * is missing), JSON fields parsed (sent as typed when they are not JSON: the simulator says why),
 * a shorthand's value that is no JSON object made into one (`7002`: `{"phoneNumber": "7002"}`, as
 * `gws-sim trigger --destination 7002`).
 */
export function bodyOf(schema: JsonSchema, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = values[name];
    if (value === undefined || value === '') continue;
    if (property.shorthand !== undefined && typeof value === 'string' && !/^\s*[[{]/.test(value)) {
      body[name] = { [property.shorthand]: value.trim() };
      continue;
    }
    if (typeof value === 'boolean' || (property.type !== 'object' && property.type !== 'array' && property.type !== 'number' && property.type !== 'integer')) {
      body[name] = value;
      continue;
    }
    try {
      body[name] = JSON.parse(value);
    } catch {
      body[name] = value;
    }
  }
  return body;
}
