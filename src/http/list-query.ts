import type { Request } from 'express';
import { gwsError } from '../errors';

/**
 * A GWS list GET as the RequestParameters and ReturnValues pages say: without `fields`, the
 * collection's `uris`; with `fields=*`, the resources under the collection's name; with
 * `fields=a,b`, each resource with those fields alone (a field a resource lacks is left out).
 */
export function listAnswer<T extends Record<string, unknown>>(req: Request, collection: string, items: readonly T[], uriOf: (item: T) => string) {
  const fields = fieldsOf(req.query.fields);
  if (fields === undefined) return { statusCode: 0, uris: items.map(uriOf) };
  if (fields === '*') return { statusCode: 0, [collection]: items };
  return { statusCode: 0, [collection]: items.map((item) => Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]))) };
}

function fieldsOf(query: unknown): '*' | string[] | undefined {
  if (query === undefined) return undefined;
  const hint = 'give * for whole resources, or field names separated by commas (id,state)';
  if (typeof query !== 'string') throw gwsError('INVALID_PARAMETER', 'fields', `expected one value; ${hint}`);
  const names = query.split(',').map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) throw gwsError('INVALID_PARAMETER', 'fields', hint);
  return names.includes('*') ? '*' : [...new Set(names)];
}
