import { html } from './html';
import type { Values } from './request-body';
import type { JsonSchema, User } from './types';


/**
 * The lists a parameter's `format` (set in its zod schema: src/gws/operations/params.ts, the voice
 * family's destination and call references) offers as suggestions: users, their phones' numbers, and
 * the calls of the agent performing (`agent-calls`, which its form lists).
 */
const SUGGESTIONS: Record<string, string> = { 'gws-user-name': 'users-names', 'gws-user-path': 'users-paths', 'gws-user-uri': 'users-uris', 'gws-phone-number': 'phone-numbers', 'gws-call-uri': 'agent-calls' };

/** One <datalist> per kind of user reference; typing anything else is allowed (to see the refusal). */
export function UserSuggestions({ users }: { users: readonly User[] }) {
  const uri = (u: User) => `${location.origin}/api/v2/users/${u.id}`;
  return html`
    <datalist id="users-names">${users.map((u) => html`<option value=${u.userName} />`)}</datalist>
    <datalist id="users-paths">${users.map((u) => html`<option value=${`/users/${u.id}`} label=${u.userName} />`)}</datalist>
    <datalist id="users-uris">${users.map((u) => html`<option value=${uri(u)} label=${u.userName} />`)}</datalist>
    <datalist id="phone-numbers">${users.flatMap((u) => (u.phoneNumber === undefined ? [] : [html`<option value=${u.phoneNumber} label=${u.userName} />`]))}</datalist>
  `;
}

/**
 * Inputs for an operation's parameters, from their JSON Schema: text for strings (with
 * suggestions where the format says so), a choice for enums, a checkbox for booleans, JSON for
 * objects and arrays, but text for an object with a shorthand (a destination's number, or its JSON).
 * Required ones first.
 */
export function SchemaFields({ schema, values, onChange, idPrefix, example }: { schema: JsonSchema; values: Values; onChange(name: string, value: string | boolean): void; idPrefix: string; example: Record<string, unknown> }) {
  const required = new Set(schema.required ?? []);
  const names = Object.keys(schema.properties ?? {}).sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
  if (names.length === 0) return html`<p class="muted small">No parameters.</p>`;
  return names.map((name) => {
    const property = schema.properties![name];
    const id = `${idPrefix}-${name}`;
    const label = html`<label for=${id}>${name}${required.has(name) ? '' : html` <span class="muted">(optional)</span>`}</label>`;
    const placeholder = placeholderOf(property, example[name]);
    const text = (e: Event) => onChange(name, (e.target as HTMLInputElement).value);
    let input;
    if (property.enum) {
      input = html`<select id=${id} name=${name} value=${values[name] ?? ''} onChange=${text}>
        <option value="">${required.has(name) ? 'choose…' : '(none)'}</option>
        ${property.enum.map((v) => html`<option value=${String(v)}>${String(v)}</option>`)}
      </select>`;
    } else if (property.type === 'boolean') {
      input = html`<input id=${id} name=${name} type="checkbox" checked=${values[name] === true} onChange=${(e: Event) => onChange(name, (e.target as HTMLInputElement).checked)} />`;
    } else if ((property.type === 'object' && property.shorthand === undefined) || property.type === 'array') {
      input = html`<textarea id=${id} name=${name} rows="2" placeholder=${placeholder} value=${String(values[name] ?? '')} onInput=${text}></textarea>`;
    } else {
      // A shorthand's suggestions are its field's.
      const format = (property.shorthand === undefined ? property : property.properties?.[property.shorthand])?.format;
      input = html`<input id=${id} name=${name} type="text" list=${SUGGESTIONS[format ?? '']} placeholder=${placeholder} value=${String(values[name] ?? '')} onInput=${text} />`;
    }
    return html`<div class="field" title=${property.description}>${label}${input}</div>`;
  });
}

function placeholderOf(property: JsonSchema, example: unknown): string {
  if (example !== undefined && property.shorthand !== undefined) return `${String((example as Record<string, unknown>)[property.shorthand])} or ${JSON.stringify(example)}`;
  if (example !== undefined) return typeof example === 'string' ? example : JSON.stringify(example);
  if (property.default !== undefined) return String(property.default);
  return property.description ?? '';
}
