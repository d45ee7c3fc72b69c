import { useState } from 'preact/hooks';
import { call } from './api';
import { Faults } from './faults';
import { html } from './html';
import { Choice, OperationForm, type FormOperation } from './operation-form';
import { UserSuggestions } from './schema-form';
import type { AgentStateOperation, Catalog, SessionOf, SimState } from './types';

interface ControlsProps {
  catalog: Catalog;
  state: SimState;
  sessions: readonly SessionOf[];
  /** After each control: the page reads the state again. */
  changed(): void;
}

/** Drive the simulator: a customer's arrival and actions, any agent's operation, a call dialed, the agent's day, faults. Every form comes from the registry. */
export function Controls({ catalog, state, sessions, changed }: ControlsProps) {
  const after = async <T,>(answer: Promise<T>) => {
    const result = await answer;
    changed();
    return result;
  };
  // One arrival per medium, all named Offer: told apart by the medium.
  const offers = catalog.customerOperations.filter((o) => o.creates).map((o) => ({ ...o, name: `${o.name} (${o.media})` }));
  return html`
    <section class="panel controls" aria-labelledby="controls-title">
      <header class="panel-head"><h2 id="controls-title">Controls</h2></header>
      <${UserSuggestions} users=${state.users} />
      <${OperationForm} id="offer" title="A customer arrives" submit="Offer" operations=${offers}
        send=${(o: FormOperation, params: Record<string, unknown>) => after(call('POST', offers.find((c) => c.name === o.name)!.path, params))} />
      <${CustomerForm} catalog=${catalog} sessions=${sessions} after=${after} />
      <${AgentForm} catalog=${catalog} state=${state} sessions=${sessions} after=${after} />
      <${DialForm} catalog=${catalog} state=${state} after=${after} />
      <${AgentStateForm} catalog=${catalog} state=${state} after=${after} />
      <${Faults} catalog=${catalog} state=${state} after=${after} />
    </section>
  `;
}

type After = <T>(answer: Promise<T>) => Promise<T>;

/** What the customer does in a session: write, type, leave; on a call, hang up, answer or refuse. */
function CustomerForm({ catalog, sessions, after }: { catalog: Catalog; sessions: readonly SessionOf[]; after: After }) {
  const [chosen, setChosen] = useState('');
  const session = sessions.find((s) => s.id === chosen) ?? sessions[0];
  if (!session) return null;
  const operations = catalog.customerOperations.filter((o) => !o.creates && o.media === session.media.name);
  return html`
    <${OperationForm} id="customer" title="As the customer" submit="Send" operations=${operations}
      send=${(o: FormOperation, params: Record<string, unknown>) => after(call('POST', operations.find((c) => c.name === o.name)!.path.replace('{id}', encodeURIComponent(session.id)), params))}>
      <${Choice} id="customer-session" label="Session" value=${session.id} options=${sessions.map((s) => s.id)} onChange=${setChosen} />
    <//>
  `;
}

/** Any agent's operation on any session, as POST /api/v2/me/... would perform it (through /sim: no password, no CSRF token). */
function AgentForm({ catalog, state, sessions, after }: { catalog: Catalog; state: SimState; sessions: readonly SessionOf[]; after: After }) {
  const [agent, setAgent] = useState(state.users[0]?.userName ?? '');
  const [chosen, setChosen] = useState('');
  // The agent's own sessions first: the others answer statusCode 6, which is worth trying too.
  const ordered = [...sessions].sort((a, b) => Number(b.agentStates[agent] !== undefined) - Number(a.agentStates[agent] !== undefined));
  const session = ordered.find((s) => s.id === chosen) ?? ordered[0];
  if (!session) return null;
  const allowed = session.agentCapabilities[agent] ?? [];
  const operations = catalog.agentOperations.filter((o) => o.media === session.media.name && !o.creates).sort((a, b) => Number(allowed.includes(b.name)) - Number(allowed.includes(a.name)));
  const sessionLabel = (s: SessionOf) => `${s.id}${s.agentStates[agent] ? ` (${s.agentStates[agent]})` : ' (not in it)'}${s.call?.consultation ? ` · consultation of ${s.call.consultation.parent}` : ''}`;
  // A call's agent acts on its own call (its leg), as over REST; the connId of a call it is not on is refused.
  const target = session.legs?.[agent]?.id ?? session.id;
  // What SwapCalls' otherCallUri and a completion's consultCallUri may name: the agent's other calls still on.
  const otherCalls = sessions.filter((s) => s !== session && s.legs?.[agent] !== undefined && s.agentStates[agent] !== 'Released');
  return html`
    <${OperationForm} id="operation" title="An agent performs" submit="Perform" operations=${operations}
      labelOf=${(o: FormOperation) => (allowed.includes(o.name) ? `${o.name} ✓` : o.name)}
      send=${(o: FormOperation, params: Record<string, unknown>) =>
        after(call('POST', `/sim/agents/${encodeURIComponent(agent)}/${session.media.collection}/${encodeURIComponent(target)}`, { operationName: o.name, ...params }))}>
      <div class="row2">
        <${Choice} id="operation-agent" label="Agent" value=${agent} options=${state.users.map((u) => u.userName)} onChange=${setAgent} />
        <${Choice} id="operation-session" label="Session" value=${session.id} options=${ordered.map((s) => [s.id, sessionLabel(s)] as [string, string])} onChange=${setChosen} />
      </div>
      <datalist id="agent-calls">${otherCalls.map((s) => html`<option value=${s.legs![agent].id} label=${`${s.agentStates[agent]}, connId ${s.id}`} />`)}</datalist>
      <p class="muted small">✓: allowed now for ${agent} (${allowed.length === 0 ? 'nothing is' : `${allowed.length} operations`}); the others are refused, as over REST.</p>
    <//>
  `;
}

/** What an agent's phone creates (Dial), as POST /api/v2/me/devices/{id}/calls would. */
function DialForm({ catalog, state, after }: { catalog: Catalog; state: SimState; after: After }) {
  const [agent, setAgent] = useState(state.users[0]?.userName ?? '');
  const operations = catalog.agentOperations.filter((o) => o.creates);
  if (operations.length === 0) return null;
  const device = state.users.find((u) => u.userName === agent)?.deviceId ?? '';
  const path = (o: FormOperation) => operations.find((c) => c.name === o.name)!.path!.replace('{user}', encodeURIComponent(agent)).replace('{device}', encodeURIComponent(device));
  return html`
    <${OperationForm} id="dial" title="An agent's phone dials" submit="Dial" operations=${operations}
      send=${(o: FormOperation, params: Record<string, unknown>) => after(call('POST', path(o), { operationName: o.name, ...params }))}>
      <${Choice} id="dial-agent" label="Agent" value=${agent} options=${state.users.map((u) => [u.userName, `${u.userName} (${u.phoneNumber ?? 'no phone'})`] as [string, string])} onChange=${setAgent} />
    <//>
  `;
}

const TARGET_LABEL: Record<AgentStateOperation['target'], string> = { me: '', channel: ' (on the channel)', device: ' (on the phone)' };

/** The agent's day: log in or out, Ready or NotReady on a channel, do-not-disturb on the phone, as POST /api/v2/me, .../channels/{channel} and .../devices/{id} would. */
function AgentStateForm({ catalog, state, after }: { catalog: Catalog; state: SimState; after: After }) {
  const [agent, setAgent] = useState(state.users[0]?.userName ?? '');
  const [channel, setChannel] = useState(catalog.channels[0] ?? '');
  const operations = catalog.agentStateOperations;
  if (operations.length === 0) return null;
  const device = state.users.find((u) => u.userName === agent)?.deviceId ?? '';
  const under = { me: '', channel: `/channels/${encodeURIComponent(channel)}`, device: `/devices/${encodeURIComponent(device)}` };
  const path = (o: AgentStateOperation) => `/sim/agents/${encodeURIComponent(agent)}${under[o.target]}`;
  return html`
    <${OperationForm} id="agent-state" title="The agent's day" submit="Perform" operations=${operations}
      labelOf=${(o: FormOperation) => `${o.name}${TARGET_LABEL[operations.find((a) => a.name === o.name)!.target]}`}
      send=${(o: FormOperation, params: Record<string, unknown>) => after(call('POST', path(operations.find((a) => a.name === o.name)!), { operationName: o.name, ...params }))}>
      <div class="row2">
        <${Choice} id="agent-state-agent" label="Agent" value=${agent} options=${state.users.map((u) => u.userName)} onChange=${setAgent} />
        <${Choice} id="agent-state-channel" label="Channel" value=${channel} options=${catalog.channels} onChange=${setChannel} />
      </div>
    <//>
  `;
}
