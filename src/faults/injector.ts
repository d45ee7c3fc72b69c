import type { SimEvents } from '../events';
import type { Clock } from '../scenario/clock';
import { kindOf } from '../scenario/expect';
import { seededRandom, type Random } from '../scenario/jitter';
import type { Outboxes, OutboxRule, Shaping } from '../delivery/outboxes';
import { restFaultAnswer } from './rest';
import type { SessionFaults } from './session';
import { formatFault, FaultSpecError, toFault } from './spec';
import type { ArmedFaultState, Fault, FaultsState, FiredFault, Nth, RestFaultAnswer } from './types';
import { listed } from '../shown';

/** GET /sim/state keeps this many fired faults, the most recent. */
const FIRED_KEPT = 1000;
/** A session fault that acts when the agent subscribes waits this long: the subscribe reply goes out first. */
const SETTLE_MS = 10;

export interface InjectorDeps {
  clock: Clock;
  seed: number;
  log(line: string): void;
  /** The agents' outboxes: the notification faults are a rule in them while one is armed. */
  outboxes: Pick<Outboxes, 'use' | 'heldFor' | 'delayed'>;
  sessions: SessionFaults;
  users(): readonly { id: string; userName: string }[];
  /** Told of every fault that fires, and of faults armed and cleared (the dashboard's timeline). */
  events?: Pick<SimEvents, 'fault' | 'control'>;
}

/** An armed fault: what GET /sim/state shows of it (but `active`, derived), and its counts. */
interface Armed extends Omit<ArmedFaultState, 'active'> {
  /** userId -> notifications (or calls) of that agent seen since arming. */
  seen: Map<string, number>;
  /** Agents a session fault has acted on (once each). */
  done: Set<string>;
}

/**
 * Holds the armed faults and applies them: a rule in the agents' outboxes for the notification
 * faults (in use only while one is armed: no work per notification otherwise), the session faults
 * through SessionFaults, and REST answers on request. Every fault that fires is logged and kept
 * for GET /sim/state.
 */
export class FaultInjector implements OutboxRule {
  private armed: Armed[] = [];
  private fired: FiredFault[] = [];
  private nextId = 1;
  private random: Random;
  private startFaults: Fault[] = [];
  /** Takes the rule out of the outboxes; set while it is in use. */
  private stopShaping?: () => void;

  constructor(private readonly deps: InjectorDeps) {
    this.random = seededRandom(deps.seed);
  }

  /** Checks faults (SPEC strings or objects) against the fixture's users; throws FaultSpecError naming the first bad one. */
  check(inputs: readonly unknown[]): Fault[] {
    const names = this.deps.users().map((u) => u.userName);
    return inputs.map((input) => {
      const fault = toFault(input);
      if (fault.agent !== '*' && !names.includes(fault.agent)) {
        throw new FaultSpecError(formatFault(fault), `no user '${fault.agent}' in the fixture; its users: ${listed(names)}, or * for every agent`);
      }
      return fault;
    });
  }

  /** The faults of start-up (--fault): armed now and again by each reset. */
  armAtStart(inputs: readonly unknown[]): void {
    this.startFaults = this.check(inputs);
    for (const fault of this.startFaults) this.add(fault, 'start');
  }

  /** Arms faults now; all or none (a bad one throws before any is armed). */
  arm(inputs: readonly unknown[]): ArmedFaultState[] {
    const armed = this.check(inputs).map((fault) => this.add(fault, 'api'));
    this.deps.events?.control('faults-armed', armed.map((a) => a.spec).join(', '));
    return armed;
  }

  /** Disarms every fault; notifications already held back by one still go out. */
  clear(): void {
    this.armed = [];
    this.shapeWhileArmed();
    this.deps.log('faults cleared');
    this.deps.events?.control('faults-cleared', 'every fault disarmed');
  }

  /** Back to start-up: faults and their history forgotten, held-back notifications cancelled, --fault ones armed afresh. */
  reset(): void {
    this.deps.sessions.reset();
    this.armed = [];
    this.shapeWhileArmed();
    this.fired = [];
    this.random = seededRandom(this.deps.seed);
    for (const fault of this.startFaults) this.add(fault, 'start');
  }

  /**
   * Notifications on their way because of a fault: held back by a delay or a reorder, or held
   * for an agent whose session was dropped or cut until it is back (settled() waits for them).
   */
  get pending(): number {
    return this.deps.outboxes.delayed().length + this.deps.sessions.recovering().reduce((sum, userId) => sum + this.deps.outboxes.heldFor(userId), 0);
  }

  state(): FaultsState {
    const delayed = this.deps.outboxes.delayed();
    return {
      armed: this.armed.map((armed) => this.show(armed)),
      fired: [...this.fired],
      delayed: delayed.length,
      delayedNotifications: delayed.map(({ userId, notification, dueAt, readyAt }) => ({ agent: this.nameOf(userId), kind: kindOf(notification), dueAt, readyAt })),
      recovering: this.deps.sessions.recovering().map((userId) => this.nameOf(userId)),
    };
  }

  /** What the armed faults make of one of the agent's notifications. */
  shape(userId: string, notification: unknown, shaping: Shaping): void {
    const name = this.nameOf(userId);
    const { faults, onSent } = shaping;
    let drop: Armed | undefined;
    let reorder: Armed | undefined;
    const what = (n: number) => `${name}'s notification #${n} (${kindOf(notification)})`;

    for (const armed of this.armed) {
      const { fault } = armed;
      if (fault.kind === 'rest' || !this.concerns(armed, name)) continue;
      const n = (armed.seen.get(userId) ?? 0) + 1;
      armed.seen.set(userId, n);
      switch (fault.kind) {
        case 'drop':
          if (selects(fault.nth, n)) drop ??= armed;
          break;
        case 'duplicate':
          if (selects(fault.nth, n)) {
            shaping.copies++;
            faults.push('duplicate');
            this.fire(armed, name, `${what(n)} sent twice (same seq)`);
          }
          break;
        case 'delay':
          if (selects(fault.nth, n)) {
            const ms = Array.isArray(fault.ms) ? Math.round(fault.ms[0] + this.random() * (fault.ms[1] - fault.ms[0])) : fault.ms;
            shaping.delayMs += ms;
            faults.push('delay');
            this.fire(armed, name, `${what(n)} delayed ${ms} ms`);
          }
          break;
        case 'reorder':
          if (selects(fault.nth, n) && !reorder) {
            reorder = armed;
            faults.push('reorder');
            this.fire(armed, name, `${what(n)} held back to go after the next one`);
          }
          break;
        case 'session-drop':
        case 'cut':
          if (fault.after === n && !armed.done.has(userId)) {
            armed.done.add(userId);
            // Once notification n has gone out to the client, so that it is the last one of the old
            // session; the later ones wait meanwhile (a held one: at once, there is nothing to wait for).
            const act = () => this.sessionFault(armed, userId, `after ${what(n)}`);
            onSent.push((seq) => (seq === undefined ? act() : this.deps.sessions.afterDelivery(userId, seq, act)));
          }
          break;
        default: {
          const unknown: never = fault;
          throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
        }
      }
    }

    if (drop) {
      // A dropped notification takes no seq: the agent is not owed it, so settled() does not wait for it.
      this.fire(drop, name, `${what(drop.seen.get(userId)!)} dropped`);
      shaping.drop = true;
      return;
    }
    if (reorder) {
      shaping.reorder = true;
      shaping.onAlone = () => this.fire(reorder!, name, `no next notification for ${name} within the wait: sent alone`);
    }
  }

  /** Whether some REST fault is armed. */
  restFaultsArmed(): boolean {
    return this.armed.some((armed) => armed.fault.kind === 'rest');
  }

  /** The answer of an armed REST fault for this call, or undefined: perform the operation. */
  restFault(userId: string, operation: string): RestFaultAnswer | undefined {
    const name = this.nameOf(userId);
    let answer: RestFaultAnswer | undefined;
    for (const armed of this.armed) {
      const { fault } = armed;
      if (fault.kind !== 'rest' || !this.concerns(armed, name) || (fault.operation !== '*' && fault.operation !== operation)) continue;
      const n = (armed.seen.get(userId) ?? 0) + 1;
      armed.seen.set(userId, n);
      if (answer || !selects(fault.nth ?? 1, n)) continue;
      answer = restFaultAnswer(fault, armed.spec, operation);
      this.fire(armed, name, `${name}'s ${operation} call #${n} answered statusCode ${answer.body.statusCode} (HTTP ${answer.httpStatus}) instead of being performed`);
    }
    return answer;
  }

  /** A session fault without `after` acts on an agent when it next subscribes, if it had no session when armed. */
  subscribed(userId: string): void {
    this.deps.sessions.subscribed(userId);
    for (const armed of this.armed) {
      const { fault } = armed;
      if ((fault.kind === 'session-drop' || fault.kind === 'cut') && fault.after === undefined && this.concerns(armed, this.nameOf(userId)) && !armed.done.has(userId)) {
        armed.done.add(userId);
        this.later(() => this.sessionFault(armed, userId, 'when it subscribed'));
      }
    }
  }

  /** The rule is in the outboxes while a fault that shapes notifications is armed, and only then. */
  private shapeWhileArmed(): void {
    const needed = this.armed.some((armed) => armed.fault.kind !== 'rest');
    if (needed && !this.stopShaping) this.stopShaping = this.deps.outboxes.use(this);
    if (!needed && this.stopShaping) {
      this.stopShaping();
      this.stopShaping = undefined;
    }
  }

  private add(fault: Fault, source: 'start' | 'api'): ArmedFaultState {
    const armed: Armed = { id: this.nextId++, spec: formatFault(fault), fault, source, armedAt: this.deps.clock.now(), fired: 0, seen: new Map(), done: new Set() };
    this.armed.push(armed);
    this.shapeWhileArmed();
    this.deps.log(`fault armed: ${armed.spec}${source === 'start' ? ' (start-up)' : ''}`);
    if ((fault.kind === 'session-drop' || fault.kind === 'cut') && fault.after === undefined) {
      for (const user of this.deps.users()) {
        if (!this.concerns(armed, user.userName) || this.deps.sessions.sessionsOf(user.id).length === 0) continue;
        armed.done.add(user.id);
        this.sessionFault(armed, user.id, 'when armed');
      }
    }
    return this.show(armed);
  }

  /** An armed fault as GET /sim/state shows it. */
  private show(armed: Armed): ArmedFaultState {
    const { seen, done, ...shown } = armed;
    return { ...shown, active: this.active(armed) };
  }

  private sessionFault(armed: Armed, userId: string, when: string): void {
    const name = this.nameOf(userId);
    const sessions = this.deps.sessions.sessionsOf(userId);
    if (sessions.length === 0) {
      this.fire(armed, name, `${when}: ${name} has no CometD session, nothing to ${armed.fault.kind === 'cut' ? 'cut' : 'drop'}`);
      return;
    }
    if (armed.fault.kind === 'cut') {
      const cut = sessions.filter((clientId) => this.deps.sessions.cut(clientId));
      this.fire(armed, name, `${when}: cut the connection of ${name}'s CometD session(s) ${cut.join(', ') || '(none open)'}`);
    } else {
      for (const clientId of sessions) this.deps.sessions.dropSession(clientId);
      this.fire(armed, name, `${when}: dropped ${name}'s CometD session(s) ${sessions.join(', ')}; the next request gets 402::Unknown client`);
    }
  }

  private fire(armed: Armed, agent: string, what: string): void {
    armed.fired++;
    const fired: FiredFault = { at: this.deps.clock.now(), faultId: armed.id, spec: armed.spec, kind: armed.fault.kind, agent, what };
    this.fired.push(fired);
    if (this.fired.length > FIRED_KEPT) this.fired.shift();
    this.deps.log(`fault ${armed.spec}: ${what}`);
    this.deps.events?.fault(fired);
  }

  private concerns(armed: Armed, userName: string): boolean {
    return armed.fault.agent === '*' || armed.fault.agent === userName;
  }

  /** False once the fault cannot fire again. */
  private active(armed: Armed): boolean {
    const { fault } = armed;
    if (fault.agent === '*') return true;
    if (fault.kind === 'session-drop' || fault.kind === 'cut') return armed.done.size === 0;
    const nth = fault.kind === 'rest' ? (fault.nth ?? 1) : fault.nth;
    if (nth === '*') return true;
    return largest(armed.seen.values()) < (Array.isArray(nth) ? largest(nth) : nth);
  }

  private later(task: () => void): void {
    setTimeout(task, SETTLE_MS).unref();
  }

  private names?: { users: unknown; byId: Map<string, string> };

  /** By map: called for every notification while a fault is armed. */
  private nameOf(userId: string): string {
    const users = this.deps.users();
    if (this.names?.users !== users) this.names = { users, byId: new Map(users.map((u) => [u.id, u.userName])) };
    return this.names.byId.get(userId) ?? userId;
  }
}

/** The largest of some counts, 0 for none: a loop, as a spread of a long list overflows the stack. */
function largest(counts: Iterable<number>): number {
  let max = 0;
  for (const n of counts) if (n > max) max = n;
  return max;
}

function selects(nth: Nth, n: number): boolean {
  return nth === '*' || (Array.isArray(nth) ? nth.includes(n) : nth === n);
}
