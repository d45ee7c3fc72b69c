import type { Socket } from 'node:net';
import type { BayeuxMessage, Extension } from 'faye';
import type { ClientRegistry } from '../bayeux/clients';
import { ownerOf } from '../bayeux/channels';
import type { DeliveryExt } from '../delivery/stamp';
import type { Outboxes } from '../delivery/outboxes';
import { UNKNOWN_CLIENT, unknownClient } from '../bayeux/unknown-client';

const CONNECT = '/meta/connect';
const DISCONNECT = '/meta/disconnect';
/** The holds this puts on an agent's outbox. */
const CUT = 'cut';
const AFTER = 'after';
/** A cut socket that the client does not close is destroyed after this. */
const CUT_GRACE_MS = 1000;
/**
 * After a session drop, a connect still held this long is cut, so that the client's next request
 * (which gets the 402) comes now, not when the long poll times out (45 s).
 */
const HURRY_AFTER_MS = 10;

/**
 * Session faults, through faye's front door (an extension): a dropped session's next request is
 * answered `402::Unknown client` with `advice.reconnect: "handshake"`, and faye forgets the
 * session for real (the request is turned into a /meta/disconnect on the way in, its reply back
 * into the 402 on the way out). A cut ends the TCP connection of the client's last /meta/connect
 * (its websocket, or its long poll); the session survives, and the agent's notifications are held
 * (a hold on its outbox) until the client connects again, so that none is lost in the gap. The
 * simulator adds `extension` to Bayeux.
 */
export class SessionFaults {
  /** clientId -> the socket its last /meta/connect came on. */
  private readonly connectSockets = new Map<string, Socket>();
  /** Clients with a /meta/connect the server has not answered yet. */
  private readonly heldConnects = new Set<string>();
  /** Dropped sessions, until faye has forgotten them. */
  private readonly dropped = new Set<string>();
  /** Dropped sessions whose next request is being turned into a disconnect: clientId -> that request's channel and id. */
  private readonly forgetting = new Map<string, { channel: string; id: string | undefined }>();
  /** userId -> its cut clients that have not connected again. */
  private readonly paused = new Map<string, Set<string>>();
  /** Agents whose session a fault dropped, until they subscribe again. */
  private readonly dropping = new Set<string>();
  /** Clients to cut on their next /meta/connect: none was held when the cut came (a long poll between two polls). */
  private readonly cutNext = new Set<string>();
  /** userId -> the notification (seq) a session fault waits to see go out to the agent's client, and the fault. */
  private readonly awaiting = new Map<string, { seq: number; act: () => void }[]>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly clients: ClientRegistry,
    /** The agents' outboxes: a cut or a fault waiting for a notification holds the agent's. */
    private readonly holds: Pick<Outboxes, 'hold' | 'release' | 'onHold'>,
  ) {}

  /** How many clients this keeps a socket or a held connect for (a regression test pins it for made-up clientIds). */
  trackedClients(): number {
    return new Set([...this.connectSockets.keys(), ...this.heldConnects]).size;
  }

  /** The clientIds of the agent's subscribed CometD sessions. */
  sessionsOf(userId: string): string[] {
    return this.clients.subscribedClientsOf(userId);
  }

  /**
   * A session fault `after=N`: the agent's later notifications wait (here, not in faye, where a
   * dropped session would lose them) until notification N (`seq`) goes out to its client; then
   * `act` drops or cuts the session, after that write.
   */
  afterDelivery(userId: string, seq: number, act: () => void): void {
    const waits = this.awaiting.get(userId);
    if (waits) return void waits.push({ seq, act });
    this.awaiting.set(userId, [{ seq, act }]);
    this.holds.hold(userId, AFTER);
  }

  /** Drops the session: its next request gets the 402. Notifications for the agent wait for its next subscription. */
  dropSession(clientId: string): void {
    this.unpause(clientId);
    const userId = this.clients.userOf(clientId);
    if (userId !== undefined) this.dropping.add(userId);
    this.dropped.add(clientId);
    this.clients.unbind(clientId);
    this.later(() => {
      if (this.heldConnects.has(clientId)) this.endSocket(clientId);
    }, HURRY_AFTER_MS);
  }

  /**
   * Ends the connection the client's /meta/connect is held on, or, between two long polls, the
   * one its next /meta/connect comes on; the agent's notifications are held until it connects
   * after that. False for a client that never connected.
   */
  cut(clientId: string): boolean {
    const userId = this.clients.userOf(clientId);
    if (!this.connectSockets.has(clientId)) return false;
    // The session survives: the client's next websocket may serve it (src/bayeux/binding.ts).
    this.clients.allowRebind(clientId);
    if (!this.heldConnects.has(clientId) || !this.endSocket(clientId)) this.cutNext.add(clientId);
    if (userId !== undefined) {
      let set = this.paused.get(userId);
      if (!set) this.paused.set(userId, (set = new Set()));
      set.add(clientId);
      this.holds.hold(userId, CUT);
    }
    return true;
  }

  /**
   * The agent subscribed (again): a dropped session of it is over, and so is a cut one. A client
   * whose cut connection was refused when it came back (e.g. a CometD client that fell back from
   * websocket to long-polling, without the proof of its old socket) handshakes anew: what was held
   * for the old session goes to the new one.
   */
  subscribed(userId: string): void {
    this.dropping.delete(userId);
    if (!this.paused.delete(userId)) return;
    this.later(() => this.holds.release(userId, CUT), 0);
  }

  /**
   * Agents kept from their notifications by a fault: a dropped session not yet replaced, or a
   * cut connection not yet back. What is held for them is on its way, not lost.
   */
  recovering(): string[] {
    return [...new Set([...this.dropping, ...this.holds.onHold()])];
  }

  /** faye forgot the client (disconnect, timeout, drop) of `userId`. */
  forget(clientId: string, userId?: string): void {
    // The notification a fault waited for will not go out: act now (on what sessions are left).
    if (userId !== undefined && this.awaiting.has(userId) && this.clients.subscribedClientsOf(userId).length === 0) this.actNow(userId);
    this.unpause(clientId);
    this.connectSockets.delete(clientId);
    this.heldConnects.delete(clientId);
    this.dropped.delete(clientId);
    this.cutNext.delete(clientId);
  }

  reset(): void {
    for (const userId of [...this.awaiting.keys()]) {
      this.awaiting.delete(userId);
      this.holds.release(userId, AFTER);
    }
    this.dropping.clear();
    for (const userId of [...this.paused.keys()]) {
      this.paused.delete(userId);
      this.holds.release(userId, CUT);
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  readonly extension: Extension = {
    incoming: (message, request, callback) => {
      const clientId = message.clientId;
      if (request === null || typeof clientId !== 'string') return callback(message);
      if (this.dropped.has(clientId)) return callback(this.answerDropped(clientId, message));
      // Nothing is kept for a clientId no agent handshook as (made-up ones would grow the maps), nor for a refused request.
      if (message.channel === CONNECT && message.error === undefined && this.clients.userOf(clientId) !== undefined) {
        this.connectSockets.set(clientId, request.socket);
        this.heldConnects.add(clientId);
        if (this.cutNext.delete(clientId)) this.endSocket(clientId);
        else this.unpause(clientId);
      }
      callback(message);
    },

    outgoing: (message, _request, callback) => {
      if (this.awaiting.size > 0) this.delivered(message);
      const clientId = message.clientId;
      if (message.channel === CONNECT && typeof clientId === 'string') this.heldConnects.delete(clientId);
      const original = typeof clientId === 'string' ? this.forgetting.get(clientId) : undefined;
      if (original && message.channel === DISCONNECT && message.id === original.id) {
        this.forgetting.delete(clientId!);
        return callback(unknownClient({ ...message, channel: original.channel }));
      }
      callback(message);
    },
  };

  /** A notification going out: the faults that wait for it (or an earlier one) act once the write is done. */
  private delivered(message: BayeuxMessage): void {
    const clientId = ownerOf(message.channel);
    const userId = clientId === undefined ? undefined : this.clients.userOf(clientId);
    const waits = userId === undefined ? undefined : this.awaiting.get(userId);
    const seq = (message.ext?.gwsSim as DeliveryExt | undefined)?.seq;
    if (waits && typeof seq === 'number' && waits.some((wait) => seq >= wait.seq)) this.later(() => this.actNow(userId!, seq), 0);
  }

  /** The faults waiting on the agent for notifications up to `upTo` (all of them when absent) act, in the order they were armed. */
  private actNow(userId: string, upTo = Infinity): void {
    const waits = this.awaiting.get(userId);
    if (!waits) return;
    const due = waits.filter((wait) => wait.seq <= upTo);
    const left = waits.filter((wait) => wait.seq > upTo);
    if (left.length > 0) this.awaiting.set(userId, left);
    else this.awaiting.delete(userId);
    for (const wait of due) wait.act();
    // What waited goes out now, unless a fault holds it further (a dropped session: until the agent subscribes again).
    if (left.length === 0) this.holds.release(userId, AFTER);
  }

  /** The first request of a dropped session becomes a disconnect (faye forgets it); any other in its batch, the 402. */
  private answerDropped(clientId: string, message: BayeuxMessage): BayeuxMessage {
    if (this.forgetting.has(clientId)) return { ...message, error: UNKNOWN_CLIENT };
    this.forgetting.set(clientId, { channel: message.channel, id: message.id });
    this.dropped.delete(clientId);
    return { channel: DISCONNECT, clientId, ...(message.id === undefined ? {} : { id: message.id }) };
  }

  private endSocket(clientId: string): boolean {
    const socket = this.connectSockets.get(clientId);
    if (!socket || socket.destroyed) return false;
    // end(), not destroy(): what was written before (a notification) still reaches the client.
    socket.end();
    this.later(() => socket.destroy(), CUT_GRACE_MS);
    return true;
  }

  private unpause(clientId: string): void {
    for (const [userId, set] of this.paused) {
      if (!set.delete(clientId) || set.size > 0) continue;
      this.paused.delete(userId);
      // After this request is handled: the client is connected again when the held ones go out.
      this.later(() => this.holds.release(userId, CUT), 0);
    }
  }

  private later(task: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
