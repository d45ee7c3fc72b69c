import { Agent, type Transport } from './client/agent';
import { settle } from './client/settle';
import type { GwsModel } from './gws/model';
import { checkedFilter, type RequestFilter } from './journal/filter';
import type { Journal } from './journal/journal';
import { verify } from './journal/verify';
import type { JournalEntry } from './journal/wire';
import { runScript, unplayable, type RunEvent, type RunResult, type RunTarget } from './run/runner';
import { compare, formatVerdict, type Expected } from './scenario/expect';
import { loadScenario } from './scenario/script';

/** The test-harness side of a simulator handle: agents, expectations, time and scenario runs. */
export interface Harness {
  /** Simulated time: `advance(ms)` with `clock: 'manual'`. */
  readonly clock: SimulatorClock;
  /**
   * Logs `user` in over a real CometD client and subscribes it to /v2/notifications. The password
   * defaults to the fixture's; the transport to websocket. Closed by close().
   */
  agent(user: string, options?: { transport?: Transport; password?: string; channel?: string }): Promise<Agent>;
  /**
   * Resolves once nothing more is on its way to the connected agents of `agent()`: no stream is
   * playing (or the clock is manual) and each has received all that was sent to it.
   */
  settled(options?: { timeoutMs?: number }): Promise<void>;
  /**
   * Waits until settled, then checks what each named agent (its latest connected client)
   * received that neither an earlier expect() nor `agent.next()` took (one position for both);
   * rejects with expected versus received per agent.
   */
  expect(expected: Record<string, readonly Expected[]>, options?: { timeoutMs?: number }): Promise<void>;
  /**
   * Runs a scenario file against this simulator, after a reset, with its own agents; resolves
   * with the result, whether it passed or not. `onEvent` sees each step, notification and
   * verdict as it happens. An operation stream file is checked against the stream this
   * simulator plays: start it with `scenarios: [file]` to check a file of your own.
   */
  run(file: string, options?: { onEvent?: (event: RunEvent) => void }): Promise<RunResult>;
  /**
   * What the desktops sent, from the request journal (REST requests to /api/v2 and Bayeux meta
   * messages), oldest first: those that match `filter` (every field given must hold; `params` by
   * partial match), or all the journal keeps. A reset empties it.
   */
  requests(filter?: RequestFilter): JournalEntry[];
  /**
   * Resolves with the first request that matches, already journaled or still to come; rejects
   * after `timeoutMs` (default 5000) naming the closest requests and what differed in each.
   */
  waitForRequest(filter: RequestFilter, options?: { timeoutMs?: number }): Promise<JournalEntry>;
  /**
   * Throws unless exactly `times` requests match (at least one when `times` is absent), listing
   * the closest requests and what differed in each; returns those that match.
   */
  verify(filter: RequestFilter, options?: { times?: number }): JournalEntry[];
}

export interface SimulatorClock {
  now(): number;
  /**
   * Moves a manual clock on by `ms`, sending what falls due in order, and resolves once the
   * agents of `agent()` have received it. Rejects with a system clock.
   */
  advance(ms: number): Promise<void>;
}

export interface HarnessDeps {
  model: GwsModel;
  now(): number;
  /** The simulator itself, as `run()` drives it: its URL, progress, manual clock, what it plays. */
  target: RunTarget;
  journal: Journal;
}

/** The longest waitForRequest() waits by default. */
const WAIT_FOR_REQUEST_MS = 5000;

export function createHarness(deps: HarnessDeps): Harness & { disconnectAll(): Promise<void> } {
  const { model, target, journal } = deps;
  const agents: Agent[] = [];
  const connected = () => agents.filter((a) => a.connected);
  const settled = (timeoutMs?: number) => settle(connected(), target.progress, timeoutMs);

  return {
    clock: {
      now: deps.now,
      async advance(ms) {
        if (!target.advance) throw new Error("sim.clock.advance() needs createSimulator({ clock: 'manual' })");
        target.advance(ms);
        await settled();
      },
    },
    async agent(user, { transport, password, channel } = {}) {
      const known = model.userByName(user);
      if (!known) throw new Error(`no user '${user}' in the fixture; users: ${model.users.map((u) => u.userName).join(', ')}`);
      const agent = await Agent.connect({ url: target.url, user, password: password ?? known.password, transport, channel });
      agents.push(agent);
      return agent;
    },
    settled: ({ timeoutMs } = {}) => settled(timeoutMs),
    async expect(expected, { timeoutMs } = {}) {
      await settled(timeoutMs);
      const failed = Object.entries(expected).flatMap(([user, list]) => {
        const agent = connected().filter((a) => a.user === user).pop();
        if (!agent) throw new Error(`expect() names ${user}, who has no connected agent: call sim.agent('${user}') first`);
        const verdict = compare(user, list, agent.take());
        return verdict.ok ? [] : [formatVerdict(verdict)];
      });
      if (failed.length > 0) throw new Error(`notifications differ from what was expected:\n${failed.join('\n')}`);
    },
    async run(file, { onEvent } = {}) {
      const script = loadScenario(file);
      const why = unplayable(script, target);
      if (why) throw new Error(why);
      return runScript(script, target, onEvent);
    },
    requests(filter = {}) {
      const checked = checkedFilter(filter, 'sim.requests()');
      return verify(checked, journal.entries()).matched;
    },
    async waitForRequest(filter, { timeoutMs = WAIT_FOR_REQUEST_MS } = {}) {
      const checked = checkedFilter(filter, 'sim.waitForRequest()');
      const found = verify(checked, journal.entries()).matched[0];
      if (found) return found;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`sim.waitForRequest(): none within ${timeoutMs} ms: ${verify(checked, journal.entries()).message}`));
        }, timeoutMs);
        const stop = journal.listen((entry) => {
          if (verify(checked, [entry]).ok) {
            stop();
            clearTimeout(timer);
            resolve(entry);
          }
        });
      });
    },
    verify(filter, { times } = {}) {
      if (times !== undefined && (!Number.isInteger(times) || times < 0)) throw new RangeError(`sim.verify(): times must be an integer >= 0, got ${times}`);
      const verdict = verify(checkedFilter(filter, 'sim.verify()'), journal.entries(), times);
      if (!verdict.ok) throw new Error(`sim.verify(): ${verdict.message}`);
      return verdict.matched;
    },
    disconnectAll: () => Promise.all(agents.map((a) => a.disconnect())).then(() => {}),
  };
}
