import http from 'node:http';
import type { Socket } from 'node:net';
import { Authenticator } from './auth/authenticator';
import { createBayeux } from './bayeux/bayeux';
import type { CometdClientInfo } from './bayeux/clients';
import { FixtureSchema, loadFixture, type Fixture } from './gws/fixture';
import { GwsModel } from './gws/model';
import { participantWire, sessionWire } from './gws/wire';
import { createApp } from './http/app';
import { systemClock, type Clock } from './scenario/clock';
import { ScenarioEngine } from './scenario/engine';
import { loadOperationStreams } from './scenario/loader';
import { StreamPlayer } from './scenario/player';
import { validate } from './validation';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Multiplies every scenario delay: 1 as written, 0.5 twice as fast, 0 at once (order kept). */
  timeScale?: number;
  /** A fixture file, or the fixture itself; the embedded default fixture when absent. */
  fixture?: string | Fixture;
  /** Operation stream files that replace the shipped ones for their operations. */
  scenarios?: readonly string[];
  clock?: Clock;
  /** Receives one line per operation, refusal and denied handshake. */
  log?: (line: string) => void;
}

export interface Simulator {
  /** The base URL, e.g. http://127.0.0.1:8090; REST is under /api/v2, CometD at /api/v2/notifications. */
  readonly url: string;
  readonly port: number;
  /** Back to the fixture; notifications not yet sent are cancelled. */
  reset(): void;
  state(): SimulatorState;
  /** Stops streams, disconnects clients and stops listening. Calling it again is harmless. */
  close(): Promise<void>;
}

export type SimulatorState = ReturnType<typeof describeState>;

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { host = '127.0.0.1', port = 0, timeScale = 1, clock = systemClock, log = () => {} } = options;
  if (!Number.isFinite(timeScale) || timeScale < 0) throw new RangeError(`timeScale must be a number >= 0, got ${timeScale}`);
  const fixture =
    typeof options.fixture === 'object' ? validate(FixtureSchema, { file: '(fixture option)', value: options.fixture }) : loadFixture(options.fixture);
  const streams = loadOperationStreams(options.scenarios, fixture);

  const model = new GwsModel(fixture);
  const authenticator = new Authenticator(model);
  const bayeux = createBayeux(authenticator, log);
  const player = new StreamPlayer({
    clock,
    publisher: bayeux.publisher,
    timeScale,
    onError: (error, userId) => log(`cannot render a notification for user ${userId}: ${error.message}`),
  });
  let baseUrl = '';
  const engine = new ScenarioEngine(streams, player, () => baseUrl);
  const reset = () => {
    engine.cancelAll();
    model.reset();
  };
  const state = () => describeState(model, baseUrl, timeScale, bayeux.clients.list(), player.pending);

  const app = createApp({ model, authenticator, baseUrl: () => baseUrl, onOutcome: (o) => engine.play(o), reset, state, log });
  const server = http.createServer(app);
  bayeux.adapter.attach(server); // after the app: faye takes its mount path and hands the rest on
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let address: number;
  try {
    await bayeux.ready;
    address = await listen(server, port, host);
  } catch (error) {
    bayeux.close();
    throw error;
  }
  baseUrl = `http://${urlHost(host)}:${address}`;

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port: address,
    reset,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        engine.cancelAll();
        bayeux.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the address is already in use' : error.message;
      reject(new Error(`cannot listen on ${host}:${port}: ${why}`));
    });
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

/** The host as URIs in answers and notifications name it. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function describeState(
  model: GwsModel,
  baseUrl: string,
  timeScale: number,
  cometdClients: CometdClientInfo[],
  pendingStreams: number,
) {
  return {
    timeScale,
    lastReferenceId: model.lastReference,
    users: model.users.map(({ id, userName, firstName, lastName }) => ({ id, userName, firstName, lastName })),
    facebooksessions: model.allSessions().map((session) => ({
      ...sessionWire(session, baseUrl),
      departed: session.departed.map((p) => participantWire(p, baseUrl)),
      messages: session.messages.map((message, index) => ({ index, ...message })),
    })),
    cometdClients,
    pendingStreams,
  };
}
