import { callTies } from './call-ties';
import { html } from './html';
import { legMarks } from './phone';
import { Capabilities, UserData } from './interaction-parts';
import type { SessionOf, User } from './types';

/**
 * A call (one connection, its id the connId): its type and numbers, what ties it to other calls
 * (the consultation it is, those started from it, a conference's owner), the customer's number,
 * and each agent's own call on it (the id its REST path names) with its state, mute and recording.
 */
export function CallCard({ session, users }: { session: SessionOf; users: readonly User[] }) {
  const legs = Object.entries(session.legs ?? {});
  const ended = legs.every(([user]) => session.agentStates[user] === 'Released');
  const customers = [...session.participants, ...session.departed].filter((p) => p.type === 'Customer');
  const ties = callTies(session);
  const conference = !ended && (session.call?.parties ?? 0) >= 3;
  return html`
    <details open=${!ended}>
      <summary>
        <code>${session.id}</code>
        <span class=${`chip state-${ended ? 'Released' : 'Established'}`}>${ended ? 'Released' : conference ? 'conference' : 'on the line'}</span>
        <span class="muted">${session.media.resource} · ${session.call?.callType ?? ''} · ${session.call?.ani ?? '?'} → ${session.call?.dnis ?? '?'}</span>
      </summary>
      ${ties.length > 0 &&
      html`<ul class="ties small" data-consultation-of=${session.call?.consultation?.parent} data-purpose=${session.call?.consultation?.purpose} data-owner=${session.call?.owner}>
        ${ties.map((tie) => html`<li>${tie}</li>`)}
      </ul>`}
      <h3>Parties</h3>
      <ul class="people small">
        ${customers.map((p) => html`<li data-party=${p.nickname}><strong>${p.nickname}</strong> · Customer${session.departed.includes(p) ? ' · hung up' : ''}</li>`)}
        ${legs.map(([userName, leg]) => {
          const state = session.agentStates[userName];
          const phoneNumber = users.find((u) => u.userName === userName)?.phoneNumber ?? '?';
          return html`<li data-leg=${leg.id} data-agent=${userName}>
            <strong>${phoneNumber}</strong> <span class="muted">${userName}</span> · call <code>${leg.id}</code> · <span class=${`chip state-${state}`}>${state}</span>${legMarks(leg)}
          </li>`;
        })}
      </ul>
      <${Capabilities} session=${session} />
      <${UserData} userData=${session.userData} />
    </details>
  `;
}
