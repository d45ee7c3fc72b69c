import type { CommandModule } from 'yargs';
import { DEFAULT_POLICY } from '../auth/authenticator';
import { normalizeOrigin } from '../auth/origin';
import { parseFaultSpec, SPEC_SYNTAX } from '../faults/spec';
import type { Bound, Naming } from '../bounds';
import { DEFAULT_LIMITS, LIMIT_BOUNDS, modelLimitsOf } from '../gws/limits';
import { checkAdminToken } from '../http/access';
import { WEBSOCKET_CAP_BOUNDS, WEBSOCKET_CAPS, websocketCapsOf } from '../http/websocket-guard';
import { DEFAULT_JOURNAL_LIMITS, JOURNAL_BOUNDS, journalLimitsOf } from '../journal/journal';
import { createSimulator } from '../simulator';
import { FileError } from '../validation';
import { EXIT } from './cli';
import { checkSeed, checkTimeScale, shown } from './options';
import { stopWhenOrphaned } from './orphan';
import { parseRedisUrl } from '../cluster/redis-url';

interface ServeArgs {
  port: number;
  host: string;
  'time-scale': number;
  seed: number;
  fixture?: string;
  scenario?: string[];
  quiet: boolean;
  'admin-token'?: string;
  'allow-origin'?: string[];
  csrf: boolean;
  'max-sessions-per-agent': number;
  'max-websocket-message'?: number;
  'journal-entries': number;
  'journal-bytes': number;
  'max-interactions': number;
  'max-messages-per-interaction': number;
  'max-message-bytes': number;
  'max-user-data-bytes': number;
  'max-websockets': number;
  'max-websockets-per-address': number;
  fault?: string[];
  redis?: string;
}

/** The options bounded by a table (the model limits and the websocket caps): one flag each, checked one way. */
const BOUNDED = { ...LIMIT_BOUNDS, ...WEBSOCKET_CAP_BOUNDS };
type BoundedName = keyof typeof BOUNDED;
const BOUNDED_DEFAULTS: Record<BoundedName, number> = { ...DEFAULT_LIMITS, ...WEBSOCKET_CAPS };
const BOUNDED_HELP: Record<BoundedName, string> = {
  maxInteractions: 'Interactions (sessions, chats) kept at once; past it, one every agent completed is forgotten, else the offer is refused',
  maxMessagesPerInteraction: "Messages in one interaction's log; past it, a message is refused (joins and leaves are still logged)",
  maxMessageBytes: "UTF-8 bytes of one message's text; a longer one is refused",
  maxUserDataBytes: "Bytes (as JSON) of one interaction's user data; a change past it is refused",
  maxWebsockets: 'Websockets open at once, in all; past it an upgrade is refused with HTTP 503. Keep it below ulimit -n',
  maxWebsocketsPerAddress: 'Websockets open at once from one remote address; past it an upgrade is refused with HTTP 429',
};

/** The flag of a bounded option without its dashes, e.g. max-interactions for maxInteractions. */
const flagOf = (name: BoundedName) => BOUNDED[name].flag.slice(2) as 'max-interactions';
/** A refusal names the flag and shows the value as it was typed. */
const asFlags = <K extends string>(bounds: Record<K, Bound>): Naming<K> => ({
  nameOf: (name) => bounds[name].flag,
  shownOf: (value, name) => shown(value as number, bounds[name].flag.slice(2)),
});

/** How long SIGINT/SIGTERM waits for a clean close before exiting anyway. */
const SHUTDOWN_MS = 800;

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Run the simulator: GWS REST under /api/v2, CometD at /api/v2/notifications',
  builder: (cli) =>
    cli
      .option('port', { type: 'number', default: 8090, describe: 'TCP port; 0 picks a free one' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to listen on (0.0.0.0 for all)' })
      .option('time-scale', {
        type: 'number',
        default: 1,
        describe: 'Multiplies every scenario delay: 1 as written, 0.5 twice as fast, 0 at once (order kept)',
      })
      .option('seed', { type: 'number', default: 1, describe: 'Seeds the jitter of stream steps: the same seed, the same delays' })
      .option('fixture', { type: 'string', describe: 'Users and facebooksessions to start from (JSON); default: the embedded fixture' })
      .option('scenario', {
        type: 'string',
        array: true,
        describe: 'Operation stream file replacing the shipped one for its operation (repeatable)',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print only the listening line and errors' })
      .option('admin-token', {
        type: 'string',
        describe:
          'Token the /sim endpoints require (Authorization: Bearer <token> or X-Admin-Token). Default: none on a loopback host; ' +
          'on any other host one is generated and printed at start-up',
      })
      .option('allow-origin', {
        type: 'string',
        array: true,
        describe: 'Web origin (scheme://host:port, or *) whose pages may handshake with the JSESSIONID cookie or Basic; repeatable. Default: only the simulator\'s own origin and clients that send no Origin',
      })
      .option('csrf', {
        type: 'boolean',
        default: false,
        describe: "GWS's CSRF mode: answers carry X-CSRF-HEADER/X-CSRF-TOKEN; POST/PUT/DELETE without the token get 403",
      })
      .option('max-sessions-per-agent', {
        type: 'number',
        default: DEFAULT_POLICY.maxSessionsPerAgent,
        describe: 'CometD sessions one agent may hold at once; the next handshake is refused',
      })
      .option('max-websocket-message', {
        type: 'number',
        describe: 'The largest websocket message (bytes) a CometD client may send; a larger one closes its socket. Default 1048576',
      })
      .option('journal-entries', {
        type: 'number',
        default: DEFAULT_JOURNAL_LIMITS.maxEntries,
        describe: `Requests the journal keeps (GET /sim/requests), the newest; ${JOURNAL_BOUNDS.maxEntries.min} to ${JOURNAL_BOUNDS.maxEntries.max}`,
      })
      .option('journal-bytes', {
        type: 'number',
        default: DEFAULT_JOURNAL_LIMITS.maxBytes,
        describe: `Bytes (as JSON) the journal keeps at most; ${JOURNAL_BOUNDS.maxBytes.min} to ${JOURNAL_BOUNDS.maxBytes.max}`,
      })
      .option('max-interactions', boundedOption('maxInteractions'))
      .option('max-messages-per-interaction', boundedOption('maxMessagesPerInteraction'))
      .option('max-message-bytes', boundedOption('maxMessageBytes'))
      .option('max-user-data-bytes', boundedOption('maxUserDataBytes'))
      .option('max-websockets', boundedOption('maxWebsockets'))
      .option('max-websockets-per-address', boundedOption('maxWebsocketsPerAddress'))
      .option('fault', {
        type: 'string',
        array: true,
        describe: `Inject a fault (repeatable; README "Faults"): ${Object.values(SPEC_SYNTAX).map((s) => s.form).join(', ')}`,
      })
      .option('redis', {
        type: 'string',
        describe:
          'Make this process a node of a cluster on that Redis (redis://HOST:PORT[/DB]): nodes share the state and deliver to any agent; ' +
          'start every node with the same fixture, scenarios and limits, and put any HTTP load balancer in front (README "Cluster"). Default: one process, no Redis',
      })
      .check((args) => {
        if (args.redis !== undefined) parseRedisUrl(args.redis);
        if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
          throw new Error(`--port must be an integer from 0 to 65535, got ${shown(args.port, 'port')}`);
        }
        checkTimeScale(args['time-scale']);
        checkSeed(args.seed);
        const sessions = args['max-sessions-per-agent'];
        if (!Number.isInteger(sessions) || sessions < 1) throw new Error(`--max-sessions-per-agent must be an integer >= 1, got ${shown(sessions, 'max-sessions-per-agent')}`);
        const frame = args['max-websocket-message'];
        if (frame !== undefined && (!Number.isInteger(frame) || frame < 1024)) throw new Error(`--max-websocket-message must be an integer >= 1024 (bytes), got ${shown(frame, 'max-websocket-message')}`);
        modelLimitsOf(boundedArgs(args, LIMIT_BOUNDS), asFlags(LIMIT_BOUNDS));
        websocketCapsOf(boundedArgs(args, WEBSOCKET_CAP_BOUNDS), asFlags(WEBSOCKET_CAP_BOUNDS));
        for (const origin of args['allow-origin'] ?? []) normalizeOrigin(origin);
        journalLimitsOf({ maxEntries: args['journal-entries'], maxBytes: args['journal-bytes'] }, asFlags(JOURNAL_BOUNDS));
        if (args['admin-token'] !== undefined) checkAdminToken(args['admin-token'], '--admin-token');
        for (const spec of args.fault ?? []) {
          try {
            parseFaultSpec(spec);
          } catch (error) {
            throw new Error(`--${(error as Error).message}`);
          }
        }
        return true;
      })
      .example('$0 serve', 'agent1/agent1 and agent2/agent2 on http://127.0.0.1:8090')
      .example('$0 serve --port 0 --time-scale 0', 'a free port, notifications at once')
      .example('$0 serve --scenario scenarios/remove-participant-from-conference.as-documented.json', 'the documentation page to the letter')
      .example('$0 serve --host 0.0.0.0 --admin-token "$GWS_SIM_TOKEN"', 'reachable from other machines; /sim needs the token')
      .example('$0 serve --fault drop:agent2:2 --fault session-drop:agent2:after=3', "drop agent2's 2nd notification, its session after the 3rd")
      .example('$0 serve --port 8091 --redis redis://127.0.0.1:6379', 'a node of a cluster: start one per core, same flags, any port')
      .example('$0 serve --allow-origin http://localhost:3000 --csrf', 'a desktop served from localhost:3000 uses the cookie; POSTs need X-CSRF-TOKEN'),
  handler: async (args) => {
    const log = args.quiet ? () => {} : (line: string) => console.error(`${new Date().toISOString()} ${line}`);
    let simulator;
    try {
      simulator = await createSimulator({
        port: args.port,
        host: args.host,
        timeScale: args['time-scale'],
        seed: args.seed,
        fixture: args.fixture,
        scenarios: args.scenario,
        log,
        adminToken: args['admin-token'],
        allowOrigins: args['allow-origin'],
        csrf: args.csrf,
        maxSessionsPerAgent: args['max-sessions-per-agent'],
        maxWebsocketMessageBytes: args['max-websocket-message'],
        journal: { maxEntries: args['journal-entries'], maxBytes: args['journal-bytes'] },
        ...boundedArgs(args, BOUNDED),
        faults: args.fault,
        redis: args.redis,
      });
    } catch (error) {
      console.error(`gws-sim: cannot start: ${(error as Error).message}`);
      process.exit(error instanceof FileError ? EXIT.usage : EXIT.failure);
    }
    console.log(`gws-sim listening on ${simulator.url}`);
    console.log(`dashboard: ${simulator.url}/`);
    // Said even with --quiet: without it nobody can use /sim.
    if (simulator.adminToken !== undefined && args['admin-token'] === undefined) {
      console.error(
        `gws-sim: ${args.host} is not a loopback address: /sim/* needs the admin token ${simulator.adminToken} (generated; choose one with --admin-token); ` +
          `open the dashboard once as ${simulator.url}/?token=${simulator.adminToken}`,
      );
    } else if (simulator.adminToken !== undefined) {
      console.error(`gws-sim: /sim/* needs the --admin-token (Authorization: Bearer <token> or X-Admin-Token); open the dashboard once as ${simulator.url}/?token=<token>`);
    }
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return process.exit(EXIT.ok); // a second Ctrl-C does not wait
      stopping = true;
      log(`${signal}: shutting down`);
      setTimeout(() => {
        console.error(`gws-sim: did not close within ${SHUTDOWN_MS} ms; exiting anyway`);
        process.exit(EXIT.ok);
      }, SHUTDOWN_MS).unref();
      void simulator.close().then(() => process.exit(EXIT.ok));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    stopWhenOrphaned(stop);
  },
};

function boundedOption(name: BoundedName) {
  const { min, max } = BOUNDED[name];
  return { type: 'number' as const, default: BOUNDED_DEFAULTS[name], describe: `${BOUNDED_HELP[name]} (${min} to ${max})` };
}

/** The values of the flags of `bounds`, under their option names. */
function boundedArgs<K extends BoundedName>(args: ServeArgs, bounds: Record<K, unknown>): Record<K, number> {
  return Object.fromEntries((Object.keys(bounds) as K[]).map((name) => [name, args[flagOf(name)]])) as Record<K, number>;
}
