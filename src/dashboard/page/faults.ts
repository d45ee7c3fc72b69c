import { useState } from 'preact/hooks';
import { call, describeAnswer, type Answer } from './api';
import { html } from './html';
import type { Catalog, SimState } from './types';

/** Arm a fault by its SPEC (README "Faults"), see which are armed and how often they fired, disarm them all. */
export function Faults({ catalog, state, after }: { catalog: Catalog; state: SimState; after<T>(answer: Promise<T>): Promise<T> }) {
  const [spec, setSpec] = useState('');
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const arm = async (event: Event) => {
    event.preventDefault();
    const armed = await after(call('POST', '/sim/faults', { faults: [spec.trim()] }));
    setAnswer(armed.statusCode === 0 ? { statusCode: 0, armed: spec.trim() } : armed);
  };
  const clear = async () => setAnswer(await after(call('DELETE', '/sim/faults')));
  return html`
    <form id="faults" class="card control" onSubmit=${arm}>
      <h3>Faults</h3>
      <div class="field">
        <label for="fault-example">Kind</label>
        <select id="fault-example" onChange=${(e: Event) => setSpec((e.target as HTMLSelectElement).value)}>
          <option value="">choose an example…</option>
          ${catalog.faults.map((f) => html`<option value=${f.example}>${f.kind}: ${f.form}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="fault-spec">SPEC</label>
        <input id="fault-spec" name="spec" type="text" placeholder="drop:agent2:2" value=${spec} onInput=${(e: Event) => setSpec((e.target as HTMLInputElement).value)} />
      </div>
      <div class="actions">
        <button type="submit" disabled=${spec.trim() === ''}>Arm</button>
        <button type="button" class="quiet" onClick=${clear} disabled=${state.faults.armed.length === 0}>Clear all</button>
        ${answer && html`<output class=${`answer ${answer.statusCode === 0 ? 'ok' : 'refused'}`}>${describeAnswer(answer)}</output>`}
      </div>
      ${state.faults.armed.length > 0 &&
      html`<ul class="armed small">
        ${state.faults.armed.map(
          (f) => html`<li class=${f.active ? '' : 'spent'} data-spec=${f.spec}><code>${f.spec}</code> <span class="muted">${f.source === 'start' ? 'start-up' : 'armed'} · fired ${f.fired}×${f.active ? '' : ' · spent'}</span></li>`,
        )}
      </ul>`}
    </form>
  `;
}
