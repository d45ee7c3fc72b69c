import { html } from './html';
import { Phone } from './phone';
import { newestFirst } from './sessions';
import { clockTime } from './summary';
import type { SessionOf, SimState } from './types';

/** Each user, connected or not: its CometD clients (transport, clientId), its phone and calls, its sessions, what is held or delayed for it. */
export function Agents({ state, sessions, deviceChannel }: { state: SimState; sessions: readonly SessionOf[]; deviceChannel: string }) {
  const newest = newestFirst(sessions);
  return html`
    <section class="panel agents" aria-labelledby="agents-title">
      <header class="panel-head"><h2 id="agents-title">Agents</h2></header>
      <ul class="cards">
        ${state.users.map((user) => {
          const clients = state.cometdClients.filter((c) => c.userId === user.id);
          const deliveries = state.deliveries.find((d) => d.userId === user.id);
          const delayed = state.faults.delayedNotifications.filter((d) => d.agent === user.userName);
          const recovering = state.faults.recovering.includes(user.userName);
          const mine = newest.filter((s) => s.agentStates[user.userName] !== undefined && s.legs === undefined);
          const calls = newest.filter((s) => s.legs?.[user.userName] !== undefined);
          const channels = (user.channels ?? []).filter((c) => c.channel !== deviceChannel);
          const connected = clients.some((c) => c.subscriptions.length > 0);
          return html`<li class="card agent" data-agent=${user.userName} data-connected=${connected}>
            <div class="card-head">
              <span class=${`dot ${connected ? 'on' : clients.length > 0 ? 'half' : 'off'}`} aria-hidden="true"></span>
              <strong>${user.userName}</strong>
              <span class="muted">${user.firstName} ${user.lastName}</span>
              <span class="spacer"></span>
              <span class="muted" title="notifications sent to this agent">${deliveries?.sent ?? 0} sent</span>
            </div>
            ${clients.length === 0 && html`<p class="muted small">${connected ? '' : 'not connected'}</p>`}
            ${clients.map(
              (c) => html`<p class="client small" data-client=${c.clientId}>
                <span class=${`transport t-${c.transport ?? 'none'}`}>${c.transport ?? 'handshaken'}</span>
                <code title=${c.clientId}>${c.clientId.slice(0, 8)}…</code>
                <span class="muted">${c.subscriptions.join(', ') || 'no subscription'} · since ${clockTime(c.since).slice(0, 8)}</span>
              </p>`,
            )}
            <${Phone} user=${user} calls=${calls} deviceChannel=${deviceChannel} />
            ${channels.length > 0 &&
            html`<ul class="chips">
              ${channels.map((c) => html`<li class=${`chip channel-${c.state}`} data-channel=${c.channel} title=${c.reason ?? ''}>${c.channel}: ${c.state}</li>`)}
            </ul>`}
            ${recovering && html`<p class="warn small">session dropped or cut by a fault: waiting for it to come back</p>`}
            ${mine.length > 0 &&
            html`<ul class="chips">
              ${mine.map((s) => html`<li class=${`chip state-${s.agentStates[user.userName]}`} title=${s.id}>…${s.id.slice(-6)} ${s.agentStates[user.userName]}</li>`)}
            </ul>`}
            ${(deliveries?.held ?? 0) > 0 &&
            html`<p class="warn small">held (no subscriber): ${deliveries!.heldNotifications.map((h) => h.kind).join(', ')}</p>`}
            ${delayed.length > 0 && html`<p class="warn small">delayed by a fault (the first until ${clockTime(delayed[0].readyAt)}): ${delayed.map((d) => d.kind).join(', ')}</p>`}
          </li>`;
        })}
      </ul>
    </section>
  `;
}
