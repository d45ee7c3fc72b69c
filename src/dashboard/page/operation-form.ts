import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { describeAnswer, type Answer } from './api';
import { html } from './html';
import { bodyOf, type Values } from './request-body';
import { SchemaFields } from './schema-form';
import type { JsonSchema } from './types';

export interface FormOperation {
  name: string;
  summary: string;
  example: Record<string, unknown>;
  parameters: JsonSchema;
}

interface OperationFormProps {
  id: string;
  title: string;
  operations: readonly FormOperation[];
  /** Fields above the operation's own (who performs it, on which session). */
  children?: ComponentChildren;
  /** A label per operation (e.g. whether it is allowed now). */
  labelOf?(operation: FormOperation): string;
  submit: string;
  send(operation: FormOperation, parameters: Record<string, unknown>): Promise<Answer>;
}

/** A form for one of several registered operations: pick it, fill in its parameters (from its schema), send it, read the answer. */
export function OperationForm({ id, title, operations, children, labelOf, submit, send }: OperationFormProps) {
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [values, setValues] = useState<Values>({});
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const operation = operations.find((o) => o.name === chosen) ?? operations[0];
  if (!operation) return null;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setAnswer(await send(operation, bodyOf(operation.parameters, values)));
    setBusy(false);
  };
  return html`
    <form id=${id} class="card control" onSubmit=${onSubmit}>
      <h3>${title}</h3>
      ${children}
      ${operations.length > 1 &&
      html`<div class="field">
        <label for=${`${id}-operation`}>Operation</label>
        <select id=${`${id}-operation`} name="operationName" value=${operation.name} onChange=${(e: Event) => setChosen((e.target as HTMLSelectElement).value)}>
          ${operations.map((o) => html`<option value=${o.name}>${labelOf ? labelOf(o) : o.name}</option>`)}
        </select>
      </div>`}
      <p class="muted small">${operation.summary}</p>
      <${SchemaFields} schema=${operation.parameters} values=${values} idPrefix=${id} example=${operation.example} onChange=${(name: string, value: string | boolean) => setValues({ ...values, [name]: value })} />
      <div class="actions">
        <button type="submit" disabled=${busy}>${submit}</button>
        ${answer && html`<output class=${`answer ${answer.statusCode === 0 ? 'ok' : 'refused'}`}>${describeAnswer(answer)}</output>`}
      </div>
    </form>
  `;
}

/** A labelled <select>. */
export function Choice({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: readonly (string | [string, string])[]; onChange(value: string): void }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} value=${value} onChange=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${options.map((o) => (typeof o === 'string' ? html`<option value=${o}>${o}</option>` : html`<option value=${o[0]}>${o[1]}</option>`))}
    </select>
  </div>`;
}
