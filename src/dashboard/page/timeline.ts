import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { callTies, type TiedCall } from './call-ties';
import { html } from './html';
import { clockTime, keyFields, sessionOfEvent } from './summary';
import type { FeedEvent, JournalEntry, Media } from './types';
import type { Feed } from './feed';

type Kind = 'all' | FeedEvent['type'];
const KINDS: [Kind, string][] = [
  ['all', 'everything'],
  ['notification', 'notifications'],
  ['held', 'held (no subscriber)'],
  ['operation', 'operations, refusals'],
  ['fault', 'faults fired'],
  ['client', 'CometD clients'],
  ['request', "desktops' requests (REST, Bayeux)"],
  ['control', 'simulator controls'],
];

/** Whom an event is about: its agent, or the agent a journaled request authenticated as. */
function agentOfEvent(event: FeedEvent): string | undefined {
  if (event.type === 'request') return event.request.agent;
  return 'agent' in event ? event.agent : undefined;
}

/** A REST GET a desktop made: many, and seldom what one looks for, so hidden unless asked. */
const isGet = (event: FeedEvent) => event.type === 'request' && event.request.type === 'rest' && event.request.method === 'GET';
/** A REST request naming an operation: shown once, as its operation line, unless the requests themselves are asked for. */
const isOperationRequest = (event: FeedEvent) => event.type === 'request' && event.request.type === 'rest' && event.request.operation !== undefined;

interface Line {
  who: string;
  kind: string;
  tone: string;
  session?: string;
  fields: string;
  timing?: { text: string; title: string };
  marks: string[];
}

/** One event as a timeline line: who, what kind, about which session, its key fields, timing and fault marks. */
function lineOf(event: FeedEvent, media: readonly Media[]): Line {
  const session = sessionOfEvent(event, media);
  switch (event.type) {
    case 'notification': {
      const { stamp } = event;
      const type = (event.data as { notificationType?: unknown } | null)?.notificationType;
      const late = stamp.sentAt - stamp.dueAt;
      return {
        who: event.agent,
        kind: event.kind,
        tone: type === 'NewMessages' ? 'message' : 'state',
        session,
        fields: keyFields(event, media),
        timing: { text: `due ${clockTime(stamp.dueAt)} · sent +${late} ms`, title: `#${stamp.seq} for ${event.agent}: due ${clockTime(stamp.dueAt)}, sent ${clockTime(stamp.sentAt)} (${late} ms after)` },
        marks: [...(stamp.faults ?? []), ...(stamp.held ? ['held'] : []), ...(event.copies > 1 ? [`×${event.copies}`] : [])],
      };
    }
    case 'held':
      return {
        who: event.agent,
        kind: event.kind,
        tone: 'held',
        session,
        fields: `no subscriber, ${event.waiting} waiting · ${keyFields(event, media)}`,
        timing: { text: `due ${clockTime(event.dueAt)}`, title: `due ${clockTime(event.dueAt)}; sent, marked held, when ${event.agent} subscribes` },
        marks: ['held'],
      };
    case 'operation': {
      const answer = Object.entries(event.answer ?? {}).map(([key, value]) => ` · ${key} ${String(value)}`).join('');
      // A call's ties after the operation: the consultation it made, the conference it completed.
      const ties = callTies((event.changed?.sessions[0]?.session ?? {}) as TiedCall).map((tie) => ` · ${tie}`).join('');
      return {
        who: event.agent ?? event.actor,
        kind: event.operation,
        tone: event.statusCode === 0 ? 'operation' : 'refused',
        session,
        fields: event.statusCode === 0 ? `statusCode 0${answer}${ties}` : `statusCode ${event.statusCode}: ${event.statusMessage ?? ''}`,
        marks: [event.via === 'rest' ? 'REST' : '/sim'],
      };
    }
    case 'fault':
      return { who: event.agent, kind: `fault ${event.kind}`, tone: 'fault', fields: event.what, marks: [event.spec] };
    case 'client':
      return { who: event.agent, kind: event.change, tone: 'client', fields: `CometD client ${event.clientId.slice(0, 8)}…${event.channel ? ` ${event.channel}` : ''}`, marks: [] };
    case 'control':
      return { who: 'simulator', kind: event.action, tone: 'control', fields: event.detail, marks: [] };
    case 'request':
      return requestLine(event.request);
    case 'gap':
      return { who: '', kind: 'gap', tone: 'refused', fields: `events before #${event.resumesAt} were missed: the page fell behind`, marks: [] };
    default: {
      const unknown: never = event;
      return { who: '', kind: String((unknown as { type?: unknown }).type), tone: 'control', fields: '', marks: [] };
    }
  }
}

/** A journaled request: REST (method, path, operation, statusCode) or a Bayeux meta message (channel, subscription, verdict). */
function requestLine(request: JournalEntry): Line {
  if (request.type === 'rest') {
    const refused = request.status >= 400 || (request.statusCode !== undefined && request.statusCode !== 0);
    const code = request.statusCode === undefined ? '' : ` · statusCode ${request.statusCode}`;
    return {
      who: request.agent ?? '(no agent)',
      kind: request.operation ?? `${request.method} ${request.path.replace(/^\/api\/v2/, '')}`,
      tone: refused ? 'refused' : 'request',
      session: request.session,
      fields: `${request.method} ${request.path}${request.query ? `?${new URLSearchParams(request.query as Record<string, string>).toString()}` : ''} → HTTP ${request.status}${code}${request.statusMessage ? `: ${request.statusMessage}` : ''}`,
      timing: { text: `${request.durationMs} ms`, title: `answered in ${request.durationMs} ms` },
      marks: ['desktop'],
    };
  }
  const what = [request.subscription, request.connectionType].filter((v) => v !== undefined).flat().join(' ');
  return {
    who: request.agent ?? '(no agent)',
    kind: request.channel,
    tone: request.successful === false ? 'refused' : 'request',
    fields: `${what ? `${what} · ` : ''}over ${request.transport}${request.auth ? ` · auth ${request.auth}` : ''}${request.error ? ` · ${request.error}` : ''}`,
    marks: ['desktop'],
  };
}

interface TimelineProps {
  feed: Feed;
  media: readonly Media[];
  agents: readonly string[];
  sessions: readonly string[];
  selected: number | undefined;
  onSelect(id: number | undefined): void;
}

/** Every event as it happens, oldest first; the list follows the newest while scrolled to the bottom. */
export function Timeline({ feed, media, agents, sessions, selected, onSelect }: TimelineProps) {
  const [agent, setAgent] = useState('');
  const [session, setSession] = useState('');
  const [kind, setKind] = useState<Kind>('all');
  const [gets, setGets] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);

  const shown = feed.events.filter(
    (event) =>
      (kind === 'all' || event.type === kind) &&
      (gets || !isGet(event)) &&
      (kind === 'request' || !isOperationRequest(event)) &&
      (agent === '' || agentOfEvent(event) === agent) &&
      (session === '' || sessionOfEvent(event, media) === session),
  );
  useLayoutEffect(() => {
    if (atBottom.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [shown.length]);
  // The details take room below the list: keep the chosen line in sight.
  useLayoutEffect(() => {
    list.current?.querySelector(`[data-id="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const onScroll = () => {
    const element = list.current!;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
  };
  const knownSessions = [...new Set([...sessions, ...feed.events.map((e) => sessionOfEvent(e, media)).filter((s): s is string => s !== undefined)])];

  return html`
    <section class="panel timeline" aria-labelledby="timeline-title">
      <header class="panel-head">
        <h2 id="timeline-title">Timeline</h2>
        <span class="count" aria-live="polite">${shown.length} of ${feed.events.length}</span>
        <div class="filters">
          <label>Agent <select id="filter-agent" value=${agent} onChange=${(e: Event) => setAgent((e.target as HTMLSelectElement).value)}>
            <option value="">all</option>
            ${agents.map((name) => html`<option value=${name}>${name}</option>`)}
          </select></label>
          <label>Session <select id="filter-session" value=${session} onChange=${(e: Event) => setSession((e.target as HTMLSelectElement).value)}>
            <option value="">all</option>
            ${knownSessions.map((id) => html`<option value=${id}>${id}</option>`)}
          </select></label>
          <label>Show <select id="filter-kind" value=${kind} onChange=${(e: Event) => setKind((e.target as HTMLSelectElement).value as Kind)}>
            ${KINDS.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
          </select></label>
          <label title="REST GETs the desktops made (GET /api/v2/me...)"><input type="checkbox" id="filter-gets" checked=${gets} onChange=${(e: Event) => setGets((e.target as HTMLInputElement).checked)} /> GETs</label>
        </div>
      </header>
      <ol id="timeline" class="events" ref=${list} onScroll=${onScroll}>
        ${shown.length === 0 &&
        html`<li class="empty">${feed.resetAt === undefined ? 'Nothing yet: perform an operation, or use the controls.' : `Reset at ${clockTime(feed.resetAt)}: nothing since.`}</li>`}
        ${shown.map((event) => {
          const line = lineOf(event, media);
          return html`<li key=${event.id} class=${`event tone-${line.tone}`} data-id=${event.id} data-type=${event.type} data-agent=${line.who} data-kind=${line.kind} data-marks=${line.marks.join(' ')}>
            <button type="button" class="row" aria-pressed=${selected === event.id} onClick=${() => onSelect(selected === event.id ? undefined : event.id)}>
              <span class="time">${clockTime(event.at)}</span>
              <span class="who">${line.who}</span>
              <span class="kind">${line.kind}</span>
              <span class="meta">
                ${line.marks.map((mark) => html`<span class=${`mark mark-${mark.replace(/[^a-z]/g, '') || 'n'}`}>${mark}</span>`)}
                <span class="timing" title=${line.timing?.title}>${line.timing?.text}</span>
              </span>
              <span class="fields">${line.session && html`<span class="session" title=${line.session}>${line.session}</span>`}${line.fields}</span>
            </button>
          </li>`;
        })}
      </ol>
    </section>
  `;
}

/**
 * The selected event's JSON. A notification is shown as the agent's first CometD client received it: on the channel
 * it got it on (/v2/notifications, or the topic itself for a client subscribed to that), its data, and gws-sim's stamp
 * in ext; a line says which channels each client got it on.
 */
export function EventDetails({ event, onClose }: { event: FeedEvent; onClose(): void }) {
  const notification = event.type === 'notification';
  const title = notification ? `${event.kind} to ${event.agent}, #${event.stamp.seq}` : `${event.type} #${event.id}`;
  const shown = notification ? { channel: event.receivedOn[0]?.channels[0] ?? event.topic, data: event.data, ext: { gwsSim: event.stamp } } : event;
  return html`
    <section class="panel details" aria-labelledby="details-title">
      <header class="panel-head">
        <h2 id="details-title">${title}</h2>
        ${notification && html`<span class="muted small">due ${clockTime(event.stamp.dueAt)}, sent ${clockTime(event.stamp.sentAt)}${event.copies > 1 ? `, ${event.copies} times` : ''}</span>`}
        <span class="spacer"></span>
        <button type="button" class="quiet" onClick=${onClose}>Close</button>
      </header>
      ${notification &&
      html`<p id="event-received-on" class="small">
        ${event.receivedOn.length === 0
          ? `No client of ${event.agent} subscribed to a channel that carries ${event.topic}: nobody received it.`
          : event.receivedOn.map((c) => html`<span data-client=${c.clientId}>client <code>${c.clientId.slice(0, 8)}…</code> on <code>${c.channels.join(' and ')}</code></span> `)}
      </p>`}
      <pre id="event-json">${JSON.stringify(shown, null, 2)}</pre>
    </section>
  `;
}
