import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Agent, type Received } from '../client/agent';
import { performOperation, type GwsAnswer, type OperationTarget } from '../client/rest';
import { DEFAULT_MEDIA, FAMILIES, familyNamed, type MediaName } from '../gws/families';
import { settle, type ServerProgress } from '../client/settle';
import { compare, formatVerdict, kindOf, mismatches, type AgentVerdict } from '../scenario/expect';
import type { Script } from '../scenario/script';
import { namesOf, type ScriptStep } from '../scenario/script-schema';
import { CUSTOMER_ACTIONS } from '../gws/operations/customer/actions';
import type { CustomerOperation } from '../gws/operations/operation';
import { operationNamed, targetOf } from '../gws/operations/registry';
import { callIdIn, consultationIn, deviceIdIn, newestCallIn, type PhonesState } from './call-ids';
import { lateness, type Drift } from './drift';
import { formatFault } from '../faults/spec';
import type { Fault } from '../faults/types';
import type { Fixture } from '../gws/fixture';
import { describeFilter, type RequestFilter } from '../journal/filter';
import { verify, type Verdict } from '../journal/verify';
import type { JournalEntry } from '../journal/wire';

/** The simulator a script runs against: embedded, or one already running at `url`. */
export interface RunTarget {
  url: string;
  /** Scales the script's waits as the simulator scales its delays. */
  timeScale: number;
  /** Back to the fixture before the run. */
  reset(): Promise<void>;
  progress(): Promise<ServerProgress>;
  /** With a manual clock: moves it on (waits then step simulated time). */
  advance?(ms: number): void;
  /** With a manual clock: runs everything scheduled, in time order (before an expect step). */
  drain?(): void;
  /** What /sim/state tells of the agents' devices and calls: the ids a script's names stand for on a call. */
  phones(): Promise<PhonesState>;
  /** POSTs to the simulator's /sim controls (`offer` and `customer` steps) and returns the answer. */
  sim(path: string, body: unknown): Promise<GwsAnswer>;
  /** Arms faults on the simulator (a `fault` step). */
  fault?(faults: readonly Fault[]): Promise<void>;
  /** The request journal, oldest first (an `expectRequest` step): emptied by reset(), so what this run's requests are. */
  requests(): Promise<JournalEntry[]>;
  /** What an embedded simulator plays; unknown for one at a URL. */
  plays?: { fixture: Fixture; streamFile(operation: string, media: MediaName | undefined): string | undefined };
}

/**
 * Why the script cannot be checked on this target, or undefined. An operation stream file is
 * checked by playing it, so only a simulator that plays that very file can check it; a script
 * with a fixture of its own needs a simulator started from that fixture.
 */
export function unplayable(script: Script, target: RunTarget): string | undefined {
  const stream = script.operationStream;
  if (stream) {
    const played = target.plays?.streamFile(stream.operation, script.operationMedia);
    if (played === undefined) {
      return `${script.file} is an operation stream: it is checked by a simulator that plays it. Run it without --server (gws-sim run plays it), or start the server with --scenario ${script.file}`;
    }
    if (path.resolve(played) !== path.resolve(stream.file)) {
      return `${script.file} is an operation stream, but this simulator plays ${played} for ${stream.operation}: start it with createSimulator({ scenarios: ['${script.file}'] }) to check this file`;
    }
  }
  if (script.fixtureFile !== undefined && target.plays && !isDeepStrictEqual(target.plays.fixture, script.fixture)) {
    return `${script.file} starts from the fixture ${script.fixtureFile}, but this simulator was started from another: start it with createSimulator({ fixture: '${script.fixtureFile}' })`;
  }
  return undefined;
}

/** What happens during a run, as it happens: the CLI prints these, `--json` one per line. */
export type RunEvent =
  | { type: 'start'; file: string; description?: string; server: string }
  | { type: 'connected'; agent: string; transport: string }
  | { type: 'disconnected'; agent: string }
  | { type: 'performed'; agent: string; operation: string; session?: string; channel?: string; answer: GwsAnswer; ok: boolean; problems: string[] }
  | { type: 'notification'; agent: string; kind: string; fields: string[]; sinceOperationMs?: number; lateMs?: number }
  | { type: 'waiting'; forMs: number; what: string }
  | { type: 'fault'; faults: string[] }
  | { type: 'control'; what: string; answer: GwsAnswer; ok: boolean }
  | { type: 'expectation'; verdict: AgentVerdict }
  | { type: 'requests'; filter: string; times?: number; found: number; ok: boolean; message: string }
  | { type: 'end'; file: string; ok: boolean; failures: string[]; drift: Drift; durationMs: number };

export interface RunResult {
  file: string;
  description?: string;
  /** Every expectation held and every answer was the expected one. */
  ok: boolean;
  /** One readable paragraph per failure. */
  failures: string[];
  verdicts: AgentVerdict[];
  /** How late notifications were against their schedule; empty with a manual clock. */
  drift: Drift;
  durationMs: number;
}

const PROGRESS_EVERY_MS = 1000;
/** How often an expectRequest step reads the journal while it waits. */
const JOURNAL_POLL_MS = 50;

/** Runs a script: connects its agents over real CometD clients, performs its steps, checks every expectation. */
export async function runScript(script: Script, target: RunTarget, onEvent: (event: RunEvent) => void = () => {}): Promise<RunResult> {
  const started = Date.now();
  const failures: string[] = [];
  const verdicts: AgentVerdict[] = [];
  const late: number[] = [];
  const agents = new Map<string, Agent>();
  const cursors = new Map<string, number>();
  // An offer step's name -> the id the simulator gave the session.
  const offered = new Map<string, string>();
  const sessionOf = (name: string) => offered.get(name) ?? name;
  let lastOperationAt: number | undefined;

  onEvent({ type: 'start', file: script.file, description: script.description, server: target.url });
  const connect = async (name: string) => {
    const spec = script.agents.find((a) => a.name === name)!;
    const agent = await Agent.connect({ url: target.url, user: name, password: spec.password, transport: spec.transport });
    onEvent({ type: 'connected', agent: name, transport: spec.transport });
    const report = (received: Received) => {
      const event = notificationEvent(name, received, lastOperationAt);
      if (event.lateMs !== undefined && !target.advance) late.push(event.lateMs);
      onEvent(event);
    };
    // What was held for it may arrive with the subscription, before this line.
    agent.received.forEach(report);
    agent.onNotification(report);
    agents.set(name, agent);
    cursors.set(name, 0);
  };

  try {
    await target.reset();
    for (const agent of script.agents.filter((a) => a.connectsAtStart)) await connect(agent.name);
    for (const step of script.steps(target.url)) {
      await runStep(step);
    }
  } catch (error) {
    failures.push((error as Error).message);
  } finally {
    await Promise.all([...agents.values()].map((a) => a.disconnect()));
  }

  async function runStep(step: ScriptStep): Promise<void> {
    switch (step.kind) {
      case 'connect':
        for (const name of namesOf(step.connect)) await connect(name);
        return;
      case 'disconnect':
        for (const name of namesOf(step.disconnect)) {
          await agents.get(name)?.disconnect();
          agents.delete(name);
          onEvent({ type: 'disconnected', agent: name });
        }
        return;
      case 'perform': {
        const spec = script.agents.find((a) => a.name === step.as)!;
        const answer = await performOperation(target.url, { user: step.as, password: spec.password }, step.perform, await operationTarget(step), step.params);
        lastOperationAt = Date.now();
        const problems = mismatches({ match: step.answer ?? { statusCode: 0 } }, answer);
        onEvent({ type: 'performed', agent: step.as, operation: step.perform, session: step.session, channel: step.channel, answer, ok: problems.length === 0, problems });
        const where = step.session !== undefined ? ` on ${step.session}` : step.channel !== undefined ? ` on channel ${step.channel}` : '';
        if (problems.length > 0) failures.push(`${step.as} ${step.perform}${where}: the answer differs:\n  ${problems.join('\n  ')}`);
        // Dial names the call it makes in `session`: GWS answers only statusCode 0, /sim/state has it.
        if (targetOf(step.perform) === 'device' && step.session !== undefined && answer.statusCode === 0) {
          const made = newestCallIn(await target.phones(), step.as);
          if (made !== undefined) offered.set(step.session, made);
        }
        // InitiateTransfer and InitiateConference name the consultation call they make in `consultation`.
        if (step.consultation !== undefined && answer.statusCode === 0) {
          const made = consultationIn(await target.phones(), sessionOf(step.session!), step.as);
          if (made !== undefined) offered.set(step.consultation, made);
        }
        return;
      }
      case 'offer': {
        const routed = step.offer === '*';
        const family = familyNamed(step.media ?? DEFAULT_MEDIA);
        const offerTo = routed ? undefined : step.offer;
        // A call's customer is its phone number; a session's, its nickname.
        const body = family.legPerAgent ? { offerTo, from: step.from } : { offerTo, customer: step.from, text: step.text };
        const answer = await target.sim(`/sim/${family.collection}`, body);
        const to = routed ? (typeof answer.offeredTo === 'string' ? `a Ready agent (${answer.offeredTo})` : 'routing (waiting for a Ready agent)') : step.offer;
        controlDone(`customer offers session ${step.session}${step.media ? ` (${step.media})` : ''} to ${to}`, answer);
        if (typeof answer.id === 'string') offered.set(step.session, answer.id);
        return;
      }
      case 'customer': {
        const media = script.mediaOf(step.session);
        const operation = operationNamed(CUSTOMER_ACTIONS[step.customer], media) as CustomerOperation;
        const answer = await target.sim(`/sim/${familyNamed(media).collection}/${encodeURIComponent(sessionOf(step.session))}/${operation.route}`, { text: step.text });
        controlDone(`customer ${step.customer} on ${step.session}`, answer);
        return;
      }
      case 'notify': {
        const answer = await target.sim('/sim/notify', { agent: step.notify, channel: step.channel, data: step.data });
        controlDone(`notify ${step.notify}${step.channel ? ` on ${step.channel}` : ''}`, answer);
        return;
      }
      case 'wait':
        if (target.advance) {
          target.advance(step.wait);
          await settle([...agents.values()], () => target.progress());
        } else {
          await sleepWithProgress(step.wait * target.timeScale, `wait ${step.wait} ms`);
        }
        return;
      case 'fault':
        if (!target.fault) throw new Error(`${script.file}: this simulator takes no faults (a fault step needs gws-sim with POST /sim/faults)`);
        await target.fault(step.fault);
        onEvent({ type: 'fault', faults: step.fault.map(formatFault) });
        return;
      case 'expect': {
        const timeoutMs = step.timeoutMs ?? 10_000;
        const named = Object.keys(step.expect).map((name) => agents.get(name)!);
        const waited = Date.now();
        const ticker = setInterval(() => {
          const counts = Object.entries(step.expect).map(([name, list]) => `${name} ${received(name).length}/${list.length}`);
          onEvent({ type: 'waiting', forMs: Date.now() - waited, what: `notifications: ${counts.join(', ')}` });
        }, PROGRESS_EVERY_MS);
        target.drain?.();
        try {
          await settle(named, () => target.progress(), timeoutMs);
        } catch {
          // Not settled in time: the comparison below says what is missing.
        } finally {
          clearInterval(ticker);
        }
        for (const [name, expected] of Object.entries(step.expect)) {
          const got = received(name);
          cursors.set(name, (cursors.get(name) ?? 0) + got.length);
          const verdict = compare(name, expected, got);
          verdicts.push(verdict);
          onEvent({ type: 'expectation', verdict });
          if (!verdict.ok) failures.push(formatVerdict(verdict));
        }
        return;
      }
      case 'expectRequest': {
        const { expectRequest, times, timeoutMs = 10_000 } = step;
        // An offer step's name stands for the id the simulator gave its session; on a call, for the named agent's own call id (its REST path's).
        const filter = expectRequest.session === undefined ? expectRequest : { ...expectRequest, session: await journaledSession(expectRequest.session, expectRequest.agent) };
        const verdict = await journalVerdict(filter, times, timeoutMs);
        onEvent({ type: 'requests', filter: describeFilter(filter), times, found: verdict.matched.length, ok: verdict.ok, message: verdict.message });
        if (!verdict.ok) failures.push(`requests: ${verdict.message}`);
        return;
      }
      default: {
        const unknown: never = step;
        throw new Error(`unknown step ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** The id the journal shows for requests on the session `name` stands for: on a call, `agent`'s own call id, when the filter names an agent. */
  async function journaledSession(name: string, agent: string | undefined): Promise<string> {
    const id = sessionOf(name);
    if (agent === undefined || !familyNamed(script.mediaOf(name)).legPerAgent) return id;
    return callIdIn(await target.phones(), id, agent) ?? id;
  }

  /**
   * Where the perform step's operation is posted: the session its name stands for (on a call, this
   * agent's own call id there), the channel, the agent itself, or the agent's device.
   */
  async function operationTarget(step: Extract<ScriptStep, { kind: 'perform' }>): Promise<OperationTarget> {
    const on = targetOf(step.perform);
    switch (on) {
      case 'session': {
        const family = familyNamed(script.mediaOf(step.session!));
        const id = sessionOf(step.session!);
        // A call the agent was never on is posted as the connId: GWS answers 6, as the script may expect.
        const own = family.legPerAgent ? callIdIn(await target.phones(), id, step.as) : undefined;
        return { [family.resource]: own ?? id } as OperationTarget;
      }
      case 'channel':
        return step.channel !== undefined ? { channel: step.channel } : { me: true };
      case 'me':
        return { me: true };
      case 'device':
        return { device: deviceIdIn(await target.phones(), step.as)! };
      default: {
        const unknown: never = on;
        throw new Error(`unknown target ${String(unknown)}`);
      }
    }
  }

  /**
   * Reads the journal until enough requests match (`times`, or one) or `timeoutMs` is over, then
   * judges. `times: 0` is judged at once: nothing so far.
   */
  async function journalVerdict(filter: RequestFilter, times: number | undefined, timeoutMs: number): Promise<Verdict> {
    const waited = Date.now();
    let reported = waited;
    for (;;) {
      const verdict = verify(filter, await target.requests(), times);
      const enough = verdict.matched.length >= (times ?? 1) || times === 0;
      if (enough || Date.now() - waited >= timeoutMs) return verdict;
      await new Promise((resolve) => setTimeout(resolve, JOURNAL_POLL_MS));
      if (Date.now() - reported >= PROGRESS_EVERY_MS) {
        reported = Date.now();
        onEvent({ type: 'waiting', forMs: reported - waited, what: `requests matching ${describeFilter(filter)}: ${verdict.matched.length}/${times ?? 1}` });
      }
    }
  }

  /** A step on the simulator's /sim controls (the customer's side, notify): a refusal fails the run. */
  function controlDone(what: string, answer: GwsAnswer): void {
    const ok = answer.statusCode === 0;
    lastOperationAt = Date.now();
    onEvent({ type: 'control', what, answer, ok });
    if (!ok) failures.push(`${what}: statusCode ${answer.statusCode}, ${answer.statusMessage ?? ''}`);
  }

  function received(name: string): unknown[] {
    return (agents.get(name)?.notifications ?? []).slice(cursors.get(name) ?? 0);
  }

  async function sleepWithProgress(ms: number, what: string): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, PROGRESS_EVERY_MS)));
      if (until - Date.now() > 0) onEvent({ type: 'waiting', forMs: ms - (until - Date.now()), what });
    }
  }

  const drift = lateness(late);
  const result: RunResult = { file: script.file, description: script.description, ok: failures.length === 0, failures, verdicts, drift, durationMs: Date.now() - started };
  onEvent({ type: 'end', file: script.file, ok: result.ok, failures, drift, durationMs: result.durationMs });
  return result;
}

function notificationEvent(agent: string, received: Received, lastOperationAt: number | undefined): Extract<RunEvent, { type: 'notification' }> {
  return {
    type: 'notification',
    agent,
    kind: kindOf(received.data),
    fields: keyFields(received.data),
    sinceOperationMs: lastOperationAt === undefined ? undefined : received.at - lastOperationAt,
    // A notification held for an agent that was not connected is late by design, not by drift.
    lateMs: received.dueAt === undefined || received.held ? undefined : received.at - received.dueAt,
  };
}

/** The fields a person scans for: the session's state (of any medium), each message's type, sender and text, each channel's state, the phone's. */
function keyFields(data: unknown): string[] {
  const n = (data ?? {}) as Record<string, { state?: unknown } | undefined> & {
    messages?: { type?: unknown; from?: { nickname?: unknown }; text?: unknown }[];
    channels?: { channel?: unknown; userState?: { state?: unknown } }[];
    devices?: { doNotDisturb?: unknown; userState?: { state?: unknown; displayName?: unknown } }[];
  };
  const fields: string[] = [];
  for (const { resource } of FAMILIES) if (n[resource]?.state !== undefined) fields.push(`state=${String(n[resource].state)}`);
  for (const c of Array.isArray(n.channels) ? n.channels : []) fields.push(`${String(c?.channel)}=${String(c?.userState?.state)}`);
  for (const d of Array.isArray(n.devices) ? n.devices : []) fields.push(`voice=${String(d?.userState?.displayName ?? d?.userState?.state)}`, `doNotDisturb=${String(d?.doNotDisturb)}`);
  for (const m of Array.isArray(n.messages) ? n.messages : []) {
    if (m?.from?.nickname !== undefined) fields.push(`from=${String(m.from.nickname)}`);
    if (typeof m?.text === 'string') fields.push(`text=${JSON.stringify(m.text.length > 40 ? `${m.text.slice(0, 37)}...` : m.text)}`);
  }
  return fields;
}
