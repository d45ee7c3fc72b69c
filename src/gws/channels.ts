import { LOGGED_OUT } from './agent-states';
import type { Invitation } from './model';

/** How a waiting session is offered once an agent is Ready: as an arrival, or as the transfer or consultation that queued it. */
export type Pending = Omit<Invitation, 'userId' | 'participant'>;

/** GWS's `userState`: the state's id (a GUID per state), name, state, and a NotReady's workMode and reason. */
export interface UserState {
  id: string;
  displayName: string;
  state: 'Ready' | 'NotReady' | 'LoggedOut';
  workMode?: string;
  reason?: string;
}

/**
 * An agent's state on one channel. LoggedOut is what an ended contact-center session leaves (the
 * name is the simulator's: modelled).
 */
export interface ChannelState extends UserState {
  channel: string;
}

/** The agents' channels as JSON data (AgentChannels.saved). */
export interface ChannelsSnapshot {
  byUser: [string, ChannelState[]][];
  waiting: [string, string[]][];
  pending: [string, Pending][];
  lastOffered: [string, string][];
  doNotDisturb: string[];
  stamps: [string, number][];
  lastStamp: number;
}

/**
 * The agents' day: on which channels each agent is logged in (StartContactCenterSession) and
 * whether it is Ready there, plus what routing needs: the sessions waiting for a Ready agent and
 * the agent each channel offered one to last (round robin).
 */
export class AgentChannels {
  private byUser = new Map<string, Map<string, ChannelState>>();
  private waiting = new Map<string, string[]>();
  private pending = new Map<string, Pending>();
  private lastOffered = new Map<string, string>();
  /** The agents whose device is on do-not-disturb (DoNotDisturbOn): no call is routed to them. */
  private doNotDisturb = new Set<string>();
  private stamps = new Map<string, number>();
  private lastStamp = 0;

  /** `userIds` in the fixture's order: the order of the round robin. */
  constructor(private readonly userIds: readonly string[]) {}

  reset(): void {
    this.byUser = new Map();
    this.waiting = new Map();
    this.pending = new Map();
    this.lastOffered = new Map();
    this.doNotDisturb = new Set();
    this.stamps = new Map();
  }

  /** All of it as JSON data: a cluster's snapshot (src/cluster). */
  saved(): ChannelsSnapshot {
    return {
      byUser: [...this.byUser].map(([userId, channels]) => [userId, [...channels.values()]]),
      waiting: [...this.waiting],
      pending: [...this.pending],
      lastOffered: [...this.lastOffered],
      doNotDisturb: [...this.doNotDisturb],
      stamps: [...this.stamps],
      lastStamp: this.lastStamp,
    };
  }

  restore(saved: ChannelsSnapshot): void {
    this.byUser = new Map(saved.byUser.map(([userId, channels]) => [userId, new Map(channels.map((c) => [c.channel, c]))]));
    this.waiting = new Map(saved.waiting);
    this.pending = new Map(saved.pending);
    this.lastOffered = new Map(saved.lastOffered);
    this.doNotDisturb = new Set(saved.doNotDisturb);
    this.stamps = new Map(saved.stamps);
    this.lastStamp = saved.lastStamp;
  }

  isDoNotDisturb(userId: string): boolean {
    return this.doNotDisturb.has(userId);
  }

  setDoNotDisturb(userId: string, on: boolean): void {
    if (on) this.doNotDisturb.add(userId);
    else this.doNotDisturb.delete(userId);
  }

  /** The agent's channels in the order it logged in on them; empty when logged out. */
  of(userId: string): ChannelState[] {
    return [...(this.byUser.get(userId)?.values() ?? [])];
  }

  get(userId: string, channel: string): ChannelState | undefined {
    return this.byUser.get(userId)?.get(channel);
  }

  /** Logs in on `channel` in `notReady` (GWS agents start NotReady); a channel already logged in keeps its state. */
  login(userId: string, channel: string, notReady: UserState): void {
    const channels = this.byUser.get(userId) ?? new Map<string, ChannelState>();
    if (!channels.has(channel)) {
      channels.set(channel, { channel, ...notReady });
      this.stamps.set(`${userId}/${channel}`, ++this.lastStamp);
    }
    this.byUser.set(userId, channels);
  }

  /** Ends the agent's contact-center session; returns its channels, now LoggedOut. */
  logout(userId: string): ChannelState[] {
    const ended = this.of(userId).map((c): ChannelState => ({ channel: c.channel, ...LOGGED_OUT }));
    this.byUser.delete(userId);
    return ended;
  }

  set(userId: string, state: ChannelState): void {
    const channels = this.byUser.get(userId);
    if (!channels) return;
    channels.set(state.channel, state);
    this.stamps.set(`${userId}/${state.channel}`, ++this.lastStamp);
  }

  /**
   * Which setting of the agent's state on `channel` holds now: a number that changes each time it
   * is set, so that something scheduled for one setting (the end of one after-call work) does not
   * act on a later one.
   */
  stampOf(userId: string, channel: string): number | undefined {
    return this.byUser.get(userId)?.has(channel) ? this.stamps.get(`${userId}/${channel}`) : undefined;
  }

  /**
   * The agents Ready on `channel` for whom `eligible` holds, in round-robin order: those after the
   * agent offered one last, then the others.
   */
  nextReady(channel: string, eligible: (userId: string) => boolean): string | undefined {
    const last = this.userIds.indexOf(this.lastOffered.get(channel) ?? '');
    const order = [...this.userIds.slice(last + 1), ...this.userIds.slice(0, last + 1)];
    const next = order.find((id) => this.get(id, channel)?.state === 'Ready' && eligible(id));
    if (next !== undefined) this.lastOffered.set(channel, next);
    return next;
  }

  /** Sessions waiting on `channel` for a Ready agent, oldest first. */
  waitingOn(channel: string): readonly string[] {
    return this.waiting.get(channel) ?? [];
  }

  wait(channel: string, sessionId: string, how: Pending): void {
    if (!this.waitingOn(channel).includes(sessionId)) this.waiting.set(channel, [...this.waitingOn(channel), sessionId]);
    this.pending.set(sessionId, how);
  }

  /** How the waiting session is to be offered. */
  pendingOf(sessionId: string): Pending | undefined {
    return this.pending.get(sessionId);
  }

  stopWaiting(channel: string, sessionId: string): void {
    this.waiting.set(channel, this.waitingOn(channel).filter((id) => id !== sessionId));
    this.pending.delete(sessionId);
  }
}
