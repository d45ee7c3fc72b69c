import { CallCard } from './call-card';
import { Capabilities, UserData } from './interaction-parts';
import { html } from './html';
import { clip } from './summary';
import type { Participant, SessionOf, User } from './types';

/** Each session, newest first: its state and each agent's, participants with their visibility, the message log, userData, capabilities; a call's parties and each agent's call. */
export function Sessions({ sessions, users }: { sessions: readonly SessionOf[]; users: readonly User[] }) {
  return html`
    <section class="panel sessions" aria-labelledby="sessions-title">
      <header class="panel-head"><h2 id="sessions-title">Sessions</h2></header>
      <ul class="cards">
        ${newestFirst(sessions).map((session) => html`<li key=${session.id} class="card session" data-session=${session.id}><${SessionCard} session=${session} users=${users} /></li>`)}
      </ul>
    </section>
  `;
}

function SessionCard({ session, users }: { session: SessionOf; users: readonly User[] }) {
  if (session.legs !== undefined) return html`<${CallCard} session=${session} users=${users} />`;
  const everyone = [...session.participants, ...session.departed];
  const nickname = (participantId: string) => everyone.find((p) => p.participantId === participantId)?.nickname ?? participantId;
  const userOf = (p: Participant) => users.find((u) => p.path === `/users/${u.id}`)?.userName;
  const customer = everyone.find((p) => p.type === 'Customer');
  return html`
    <details open=${session.messages.length < 12}>
      <summary>
        <code>${session.id}</code>
        <span class=${`chip state-${session.state}`}>${session.state}</span>
        <span class="muted">${session.media.resource}${customer ? ` · ${customer.nickname}` : ''}</span>
      </summary>
      <h3>Participants</h3>
      <ul class="people small">
        ${session.participants.map((p) => {
          const user = userOf(p);
          return html`<li data-participant=${p.participantId}>
            <strong>${p.nickname}</strong>${user && html` <span class="muted">${user}</span>`} · ${p.type} · visible to ${p.visibility}
            ${user && html` · <span class=${`chip state-${session.agentStates[user]}`}>${session.agentStates[user]}</span>`}
          </li>`;
        })}
        ${session.departed.map((p) => html`<li class="gone"><strong>${p.nickname}</strong> · ${p.type} · left</li>`)}
        ${session.invited.map((i) => html`<li class="invited"><strong>${i.userName ?? i.userId}</strong> · invited (${i.kind}), to be visible to ${i.visibility}</li>`)}
      </ul>
      <${Capabilities} session=${session} />
      <h3>Messages</h3>
      <ol class="log small">
        ${session.messages.map(
          (m) => html`<li data-index=${m.index} class=${m.visibility === 'Agents' ? 'agents-only' : ''}>
            <span class="muted">${m.index}</span> <strong>${m.type}</strong> ${nickname(m.from)}${m.text !== undefined ? html`: <q>${clip(m.text, 120)}</q>` : ''}
            ${m.visibility === 'Agents' && html` <span class="muted">(agents only)</span>`}
          </li>`,
        )}
      </ol>
      <${UserData} userData=${session.userData} />
      ${session.comment !== undefined && html`<h3>Comment</h3><p class="small">${session.comment}</p>`}
    </details>
  `;
}

/** By receivedDate, newest first; sessions received at the same moment (or without a date) in reverse order of creation. */
export function newestFirst(sessions: readonly SessionOf[]): SessionOf[] {
  const at = (session: SessionOf) => receivedAt(session.receivedDate);
  return sessions.map((session, index) => ({ session, index })).sort((a, b) => at(b.session) - at(a.session) || b.index - a.index).map(({ session }) => session);
}

/** GWS writes `2015-10-21 16:12:03.000+0300`; Date.parse wants `2015-10-21T16:12:03.000+03:00`. */
function receivedAt(date: string | undefined): number {
  const time = date === undefined ? NaN : Date.parse(date.replace(' ', 'T').replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(time) ? 0 : time;
}
