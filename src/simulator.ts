import type { Socket } from 'node:net';
import { Authenticator, DEFAULT_POLICY } from './auth/authenticator';
import { normalizeOrigin } from './auth/origin';
import { MOUNT } from './bayeux/channels';
import { createBayeux } from './bayeux/bayeux';
import type { ServerProgress } from './client/settle';
import { Outboxes } from './delivery/outboxes';
import { FaultInjector } from './faults/injector';
import { SessionFaults } from './faults/session';
import { faultsOfBody } from './faults/spec';
import type { ArmedFaultState, Fault, FaultControls } from './faults/types';
import { FixtureSchema, loadFixture, type Fixture } from './gws/fixture';
import { modelLimitsOf, pickLimits, type ModelLimits } from './gws/limits';
import { GwsModel, type ModelSnapshot } from './gws/model';
import type { ClientChange } from './bayeux/clients';
import { adminHeaders, postJson } from './client/rest';
import { notifier, type CustomNotification } from './notify';
import { customerControls, type CustomerHandle, type OfferOptions } from './customer';
import { SimEvents } from './events';
import { createHarness, type Harness } from './harness';
import { adminTokenFor } from './http/access';
import { createApp } from './http/app';
import { attachJournal } from './journal/bayeux';
import { Journal, journalLimitsOf, type JournalLimits } from './journal/journal';
import { listen, urlHost } from './http/listen';
import { guardServer } from './http/server-guard';
import { websocketCapsOf } from './http/websocket-guard';
import { createServer, httpTimeoutsOf, type HttpTimeouts } from './http/timeouts';
import { ManualClock, systemClock } from './scenario/clock';
import { ScenarioEngine } from './scenario/engine';
import { ScheduledActions } from './scheduled';
import { applyModelChange, isModelChange } from './ledger/change';
import { LocalLedger, performAtOnce, type Apply, type Ledger } from './ledger/ledger';
import type { Settling } from './settling';
import type { Outcome } from './gws/operations/registry';
import { loadOperationStreams, streamKey } from './scenario/loader';
import { StreamPlayer } from './scenario/player';
import { callIdIn, consultationIn, deviceIdIn } from './run/call-ids';
import { changeOf, describeState, type SimulatorState } from './state';
import { validate } from './validation';
import { ClusterLedger } from './cluster/cluster-ledger';
import { configDigest } from './cluster/config-digest';
import { relayFeeds, type ClusterRelay } from './cluster/relay';
import { parseRedisUrl } from './cluster/redis-url';
import { fayeRedisEngine } from './cluster/faye-engine';

export interface SimulatorOptions extends Partial<ModelLimits> {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Multiplies every scenario delay: 1 as written, 0.5 twice as fast, 0 at once (order kept). */
  timeScale?: number;
  /** A fixture file, or the fixture itself; the embedded default fixture when absent. */
  fixture?: string | Fixture;
  /** Operation stream files that replace the shipped ones for their operations. */
  scenarios?: readonly string[];
  /**
   * 'system' (the default) plays streams in real time; 'manual' plays them only as a test calls
   * `sim.clock.advance(ms)`.
   */
  clock?: 'system' | 'manual';
  /** Seeds the jitter of stream steps, so a jittered run repeats; default 1. */
  seed?: number;
  /** Receives one line per operation, refusal and denied handshake. */
  log?: (line: string) => void;
  /**
   * Faults armed at start and again after each reset: objects or SPEC strings such as
   * `drop:agent2:2` (README "Faults"). A bad one makes createSimulator reject with a FaultSpecError.
   */
  faults?: readonly (Fault | string)[];
  /**
   * Required by /sim/* (`Authorization: Bearer <token>` or `X-Admin-Token`). On a host other than
   * loopback one is generated when none is given: read it from `adminToken` of the handle.
   */
  adminToken?: string;
  /** Origins besides the simulator's own whose cookie- or Basic-authenticated CometD handshakes are accepted; "*": any. */
  allowOrigins?: readonly string[];
  /** GWS's CSRF mode: answers carry X-CSRF-HEADER/X-CSRF-TOKEN; POST/PUT/DELETE without the token get 403. */
  csrf?: boolean;
  /** CometD sessions one agent may hold at once (default 32). */
  maxSessionsPerAgent?: number;
  /**
   * How long a client may take to send a request's headers, and the whole request, before its
   * connection is closed (408); defaults in src/http/timeouts.ts. A long poll's wait for an answer does not count.
   */
  httpTimeouts?: HttpTimeouts;
  /** The largest websocket message a CometD client may send, bytes (default 1 MB); a larger one closes its socket (1009). */
  maxWebsocketMessageBytes?: number;
  /**
   * How much of the request journal (`sim.requests()`, GET /sim/requests) is kept: the newest
   * `maxEntries` (default 10,000; 10 to 1,000,000) within `maxBytes` of JSON (default 8 MiB; 64 KiB to 1 GiB).
   */
  journal?: Partial<JournalLimits>;
  /** Websockets open at once, in all (default 10,000; at most 100,000): past it an upgrade is refused (HTTP 503). Keep it below `ulimit -n`. */
  maxWebsockets?: number;
  /**
   * Makes this process a node of a cluster on that Redis (`redis://HOST:PORT[/DB]`; README "Cluster"):
   * every node shares the state and delivers to any agent. Every node needs the same fixture,
   * scenarios and limits. Absent (the default): one process, no Redis.
   */
  redis?: string;
  /** Websockets open at once from one remote address (default 1,000; at most 100,000): past it an upgrade is refused (HTTP 429). */
  maxWebsocketsPerAddress?: number;
}

export interface Simulator extends Harness {
  /** The base URL, e.g. http://127.0.0.1:8090; REST is under /api/v2, CometD at /api/v2/notifications. */
  readonly url: string;
  readonly port: number;
  /** What /sim/* requires, generated on a non-loopback host when not given; undefined: /sim is open. */
  readonly adminToken: string | undefined;
  /** Back to the fixture; notifications not yet sent are cancelled. On a node of a cluster, a promise: every node resets once the log has it. */
  reset(): void | Promise<void>;
  state(): SimulatorState;
  /**
   * Arms faults now (objects or SPEC strings such as `drop:agent2:2`; README "Faults"), all or
   * none: a bad one throws a FaultSpecError. Notification faults count the agent's notifications
   * from now. Fired faults are logged and listed in `state().faults`.
   */
  fault(faults: Fault | string | readonly (Fault | string)[]): ArmedFaultState[];
  /**
   * Offers a new Facebook session (or with `media: 'chat'` a chat) to an agent, as a customer's
   * arrival (POST /sim/facebooksessions, /sim/chats): the agent receives it Invited, with
   * capabilities Accept and Reject. A chat without `offerTo` goes to an agent Ready on chat (round
   * robin), or waits until one is. With `media: 'voice'` a customer calls `from` its number (POST
   * /sim/calls): the call rings `offerTo`'s phone, or an agent Ready on voice. Returns the
   * session's id; a call's connId.
   */
  offer(options: OfferOptions): string;
  /**
   * What the customer of a session or call (its id, a call's connId, tells which) does:
   * `sim.customer(id).say('Hello')`, startTyping, stopTyping, leave; on a call hangup, and answer
   * or refuse an outbound call.
   */
  customer(sessionId: string): CustomerHandle;
  /**
   * `user`'s own call id in the call `connId` (the id its REST path and notifications name:
   * `agent.perform('Answer', { call: sim.callId(connId, 'agent1') })`); throws if the call never reached it.
   */
  callId(connId: string, user: string): string;
  /**
   * The connId of the consultation call `user` started from the call `connId` (InitiateTransfer and
   * InitiateConference answer statusCode 0 alone): `agent2.perform('Answer', { call:
   * sim.callId(sim.consultation(connId, 'agent1'), 'agent2') })`. Throws when it consults nobody from it.
   */
  consultation(connId: string, user: string): string;
  /** The id of `user`'s device (its phone), which Dial and DoNotDisturbOn are posted to: `agent.perform('Dial', { device: sim.deviceId('agent1') }, ...)`. */
  deviceId(user: string): string;
  /**
   * Pushes a notification the model does not know to an agent (`{agent, channel, data}`; channel
   * default /v2/notifications), through the same path as an operation's: order, faults, holds.
   */
  notify(notification: CustomNotification): void;
  /** Disarms every fault (reset() also arms the start-up ones again). */
  clearFaults(): void;
  /** Disconnects the agents, stops streams and clients, stops listening. Calling it again is harmless. */
  close(): Promise<void>;
}


export type { SimulatorState } from './state';

/** What a node of a cluster saves for the nodes that join later. */
interface NodeSnapshot {
  model: ModelSnapshot;
  clients: ClientChange[];
  sessionsEnded: [string, number][];
}

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { host = '127.0.0.1', port = 0, timeScale = 1, seed = 1, log = () => {} } = options;
  const manualClock = options.clock === 'manual' ? new ManualClock(Date.now()) : undefined;
  const clock = manualClock ?? systemClock;
  if (!Number.isFinite(timeScale) || timeScale < 0) throw new RangeError(`timeScale must be a number >= 0, got ${timeScale}`);
  const fixture =
    typeof options.fixture === 'object' ? validate(FixtureSchema, { file: '(fixture option)', value: options.fixture }) : loadFixture(options.fixture);
  const streams = loadOperationStreams(options.scenarios, fixture);

  const model = new GwsModel(fixture, modelLimitsOf(pickLimits(options)));
  // Every change of the simulated state, applied here (`here`: asked for on this node) or, in a cluster, on every node in one order.
  const apply: Apply = (change, now, here) => {
    if (isModelChange(change)) {
      const result = applyModelChange(model, change, now);
      if (typeof result === 'object' && 'endsHttpSession' in result && result.endsHttpSession) authenticator.endSession(result.user);
      if (!here) model.takeForgotten(); // the node that asked tells the feed of them
      return result;
    }
    switch (change.kind) {
      case 'reset':
        return resetHere();
      case 'faults':
        return faults.arm(change.faults);
      case 'clearFaults':
        return faults.clear();
      case 'client': {
        bayeux.clients.applyShared(change.change);
        // A subscription on another node: what waited here for the agent may go now.
        const userId = change.change.op === 'subscribed' ? bayeux.clients.userOf(change.change.clientId) : undefined;
        if (userId !== undefined) outboxes.resume(userId);
        return undefined;
      }
    }
  };
  const maxSessionsPerAgent = options.maxSessionsPerAgent ?? DEFAULT_POLICY.maxSessionsPerAgent;
  if (!Number.isInteger(maxSessionsPerAgent) || maxSessionsPerAgent < 1) throw new RangeError(`maxSessionsPerAgent must be an integer >= 1, got ${maxSessionsPerAgent}`);
  const allowOrigins = (options.allowOrigins ?? []).map(normalizeOrigin);
  const maxFrame = options.maxWebsocketMessageBytes;
  if (maxFrame !== undefined && (!Number.isInteger(maxFrame) || maxFrame < 1024)) throw new RangeError(`maxWebsocketMessageBytes must be an integer >= 1024, got ${maxFrame}`);
  const httpTimeouts = httpTimeoutsOf(options.httpTimeouts);
  const websocketCaps = websocketCapsOf(options);
  const adminToken = adminTokenFor(host, options.adminToken);
  // After every check of the options: a node that connected to Redis must close what it opened.
  const cluster = options.redis === undefined
    ? undefined
    : await ClusterLedger.connect(
        {
          address: parseRedisUrl(options.redis),
          config: configDigest(fixture, options),
          now: () => clock.now(),
          log,
          lost: (since) => lostHere(since),
          // What a node joining late starts from (faults armed before are not in it: README "Cluster").
          save: (): NodeSnapshot => ({ model: model.saved(), clients: bayeux.clients.saved(), sessionsEnded: authenticator.saved() }),
          restore: (state) => {
            const saved = state as NodeSnapshot;
            model.restore(saved.model);
            for (const change of saved.clients) bayeux.clients.applyShared(change);
            authenticator.restore(saved.sessionsEnded);
          },
        },
        apply,
      );
  const ledger: Ledger = cluster ?? new LocalLedger(apply, () => clock.now());
  const authenticator = new Authenticator(model, { allowOrigins, maxSessionsPerAgent }, cluster?.secret);
  const events = new SimEvents(() => clock.now(), (userId) => model.userById(userId)?.userName ?? userId);
  const journal = new Journal(journalLimitsOf(options.journal), () => clock.now());
  journal.listen((entry) => events.request(entry));
  const bayeux = createBayeux(
    authenticator,
    {
      subscribed: (userId) => {
        faults.subscribed(userId); // first: a dropped session is over, what was held for it may go
        outboxes.resume(userId);
      },
      disconnected: (clientId, userId) => sessionFaults.forget(clientId, userId),
      lastSent: (userId) => outboxes.lastSent(userId),
    },
    log,
    events,
    httpTimeouts.websocketHandshakeMs,
    cluster && { engine: fayeRedisEngine(cluster.address, log), share: (change) => cluster.share({ kind: 'client', change }), caughtUp: () => cluster.caughtUp() },
  );
  // One owner of each agent's outgoing notifications; the faults are added to it and to Bayeux from here.
  const outboxes = new Outboxes({ clock, sink: bayeux.sink, log, events });
  const sessionFaults = new SessionFaults(bayeux.clients, outboxes);
  bayeux.addExtension(sessionFaults.extension);
  attachJournal(bayeux.adapter, journal, (clientId) => model.userById(bayeux.clients.userOf(clientId) ?? '')?.userName); // after gws-sim's own extensions
  const faults = new FaultInjector({ clock, seed, log, outboxes, sessions: sessionFaults, users: () => model.users, events });
  const closeDelivery = async () => {
    outboxes.clear();
    sessionFaults.close();
    await bayeux.close();
    await ledger.close();
  };
  try {
    faults.armAtStart(options.faults ?? []);
  } catch (error) {
    await closeDelivery();
    throw error;
  }
  const faultControls: FaultControls = {
    arm: (body) => {
      const checked = faults.check(faultsOfBody(body));
      return ledger.perform({ kind: 'faults', faults: checked }) as Settling<ArmedFaultState[]>;
    },
    restFault: (userId, operation) => faults.restFault(userId, operation),
    restFaultsArmed: () => faults.restFaultsArmed(),
    clear: () => ledger.perform({ kind: 'clearFaults' }),
    state: () => faults.state(),
  };
  const player = new StreamPlayer({
    clock,
    publisher: outboxes,
    timeScale,
    onError: (error, userId) => log(`cannot render a notification for user ${userId}: ${error.message}`),
  });
  let baseUrl = '';
  const engine = new ScenarioEngine(streams, player, () => baseUrl, seed);
  // An outcome's notifications, then what it makes happen later (after-call work ends...), which the feed hears of as it happens.
  const later: ScheduledActions = new ScheduledActions(ledger, clock, timeScale, (outcome, actor) => {
    events.operation({
      actor,
      ...(actor === 'agent' && 'user' in outcome ? { agent: outcome.user.userName, channel: 'voice' } : {}),
      via: 'sim',
      operation: outcome.operation,
      ...('session' in outcome ? { media: outcome.media, session: outcome.session.id } : {}),
      statusCode: 0,
      answer: outcome.answer,
      changed: changeOf(model, baseUrl, outcome),
    });
    play(outcome);
  }, log);
  const play = (outcome: Outcome) => {
    engine.play(outcome);
    later.follow(outcome);
  };
  const notify = notifier(model, (userId, data, topic) => player.play(userId, [{ afterMs: 0, render: () => data }], topic));
  // Back to the fixture, on this node: what it plays and schedules is cancelled.
  const resetHere = () => {
    faults.reset();
    later.cancelAll();
    engine.reset();
    outboxes.clear();
    model.reset();
    journal.clear();
    events.reset('back to the fixture; notifications not yet sent cancelled');
  };
  const reset = () => ledger.perform({ kind: 'reset' }) as Settling<void>;
  // Redis came back without the cluster's state: this node too goes back to the fixture, and the
  // CometD sessions opened before are gone with it (faye's Redis engine answers their held connects, src/cluster/faye-engine.ts).
  const lostHere = (since: number) => {
    resetHere();
    bayeux.clients.forgetBoundBefore(since);
  };
  const state = () => describeState(model, baseUrl, timeScale, manualClock ? 'manual' : 'system', bayeux.clients.list(), player.pending + faults.pending, outboxes.state(), faults.state(), events.lastEventId);

  const app = createApp({ model, ledger, authenticator, baseUrl: () => baseUrl, now: () => clock.now(), onOutcome: play, notify, faults: faultControls, reset, state, log, adminToken, csrf: options.csrf, allowOrigins, events, journal });
  const server = createServer(app, httpTimeouts);
  bayeux.adapter.attach(server); // after the app: faye takes its mount path and hands the rest on
  const guard = guardServer(server, { mount: MOUNT, log, websocketMessageLimitBytes: options.maxWebsocketMessageBytes, ...websocketCaps }); // after faye: it sees requests first
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let address: number;
  let relay: ClusterRelay | undefined;
  try {
    await cluster?.start();
    relay = cluster && (await relayFeeds(cluster, events, journal, log));
    await bayeux.ready;
    address = await listen(server, port, host);
  } catch (error) {
    guard.close();
    relay?.close();
    await closeDelivery();
    throw error;
  }
  baseUrl = `http://${urlHost(host)}:${address}`;

  const progress = async (): Promise<ServerProgress> => ({
    pendingStreams: player.pending + faults.pending,
    manualClock: manualClock !== undefined,
    sent: Object.fromEntries(outboxes.state().map((d) => [model.userById(d.userId)?.userName ?? d.userId, d.sent])),
  });
  const harness = createHarness({
    model,
    journal,
    now: () => clock.now(),
    target: {
      url: baseUrl,
      timeScale,
      reset: async () => void (await reset()),
      progress,
      advance: manualClock && ((ms) => manualClock.advance(ms)),
      drain: manualClock && (() => manualClock.runAll()),
      fault: async (list: readonly Fault[]) => void (await ledger.perform({ kind: 'faults', faults: faults.check(list) })),
      sim: (path, body) => postJson(`${baseUrl}${path}`, adminHeaders(adminToken), body),
      phones: async () => state(),
      requests: async () => journal.entries(),
      plays: { fixture, streamFile: (operation, media) => streams.get(streamKey(media, operation))?.file },
    },
  });

  // What a test does as the customer is a /sim control like POST /sim/chats: the live feed (and the
  // dashboard that follows it) hears of it the same way.
  const customers = customerControls(model, ledger, (outcome) => {
    events.operation({ actor: 'customer', via: 'sim', operation: outcome.operation, media: outcome.media, session: outcome.session.id, statusCode: 0, answer: outcome.answer, changed: changeOf(model, baseUrl, outcome) });
    play(outcome);
  });
  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port: address,
    adminToken,
    reset,
    state,
    clock: harness.clock,
    agent: harness.agent,
    settled: harness.settled,
    expect: harness.expect,
    run: harness.run,
    requests: harness.requests,
    waitForRequest: harness.waitForRequest,
    verify: harness.verify,
    fault: (list) => {
      const checked = faults.check(([] as unknown[]).concat(list));
      return performAtOnce(ledger, { kind: 'faults', faults: checked }, 'sim.fault()', 'POST /sim/faults') as ArmedFaultState[];
    },
    clearFaults: () => void ledger.perform({ kind: 'clearFaults' }),
    notify,
    offer: customers.offer,
    customer: customers.customer,
    callId(connId, user) {
      const now = state();
      const found = callIdIn(now, connId, user);
      if (found !== undefined) return found;
      const call = now.calls.find((c) => c.id === connId);
      throw new Error(call ? `sim.callId(): call ${connId} never reached ${user}; its parties: ${Object.keys(call.legs ?? {}).join(', ') || 'none yet'}` : `sim.callId(): no call with connId ${connId}; the calls: ${now.calls.map((c) => c.id).join(', ') || 'none'}`);
    },
    consultation(connId, user) {
      const found = consultationIn(state(), connId, user);
      if (found === undefined) throw new Error(`sim.consultation(): ${user} consults nobody from call ${connId} (InitiateTransfer or InitiateConference on it starts a consultation; a completed or cancelled one is no longer tied to it)`);
      return found;
    },
    deviceId(user) {
      const found = deviceIdIn(state(), user);
      if (found === undefined) throw new Error(`sim.deviceId(): no user '${user}' in the fixture; users: ${model.users.map((u) => u.userName).join(', ')}`);
      return found;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        void harness.disconnectAll().finally(() => {
          later.cancelAll();
          engine.cancelAll();
          guard.close();
          relay?.close();
          const delivery = closeDelivery();
          server.close(() => void delivery.then(resolve));
          for (const socket of sockets) socket.destroy();
        });
      });
      return closing;
    },
  };
}
