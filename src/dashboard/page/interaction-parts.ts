import { html } from './html';
import type { SessionOf } from './types';

/** userData with more keys than this starts folded: a fixture's 80 keys would push every other session out of sight. */
const USER_DATA_OPEN_KEYS = 8;

/** What each agent may do now. */
export function Capabilities({ session }: { session: SessionOf }) {
  return html`<h3>Capabilities</h3>
    <dl class="kv small">
      ${Object.entries(session.agentCapabilities).map(([user, capabilities]) => html`<dt>${user}</dt><dd>${capabilities.join(', ') || '(none)'}</dd>`)}
    </dl>`;
}

export function UserData({ userData }: { userData: Record<string, unknown> }) {
  return html`<details class="user-data" open=${Object.keys(userData).length <= USER_DATA_OPEN_KEYS}>
    <summary><h3>userData</h3> <span class="muted small">${Object.keys(userData).length} keys</span></summary>
    <dl class="kv small">
      ${Object.entries(userData).map(([key, value]) => html`<dt>${key}</dt><dd>${typeof value === 'string' ? value : JSON.stringify(value)}</dd>`)}
    </dl>
  </details>`;
}
