import { Agent, type Transport } from './client/agent';
import { settle } from './client/settle';
import type { GwsModel } from './gws/model';
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
}

export function createHarness(deps: HarnessDeps): Harness & { disconnectAll(): Promise<void> } {
  const { model, target } = deps;
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
    disconnectAll: () => Promise.all(agents.map((a) => a.disconnect())).then(() => {}),
  };
}
