import type { CommandModule } from 'yargs';
import { performOperation, UnreachableError, type OperationTarget } from '../client/rest';
import { DEFAULT_MEDIA, familyNamed, type MediaName } from '../gws/families';
import { parametersOf } from '../gws/operations/describe';
import { REGISTRY, restOperationNames, targetOf } from '../gws/operations/registry';
import { userPath } from '../gws/wire';
import { CONSULTING } from '../gws/families/voice/initiate';
import { callIdIn, connIdOfCall, consultationIn, deviceIdIn, type PhonesState } from '../run/call-ids';
import { remoteTarget } from '../run/remote';
import { EXIT } from './cli';
import { adminHeaders, checkServer, DEFAULT_SERVER, notRunning } from './options';
import { MEDIA_OPTION, sessionMedia } from './session-media';

interface TriggerArgs {
  operation: string;
  agent: string;
  password?: string;
  session?: string;
  media?: MediaName;
  channel?: string;
  target?: string;
  server: string;
  'admin-token'?: string;
  [parameter: string]: unknown;
}

/** The operations an agent performs over REST, of every medium and on itself: trigger's options come from the registry. */
const OPERATIONS = REGISTRY.filter((o) => o.actor !== 'customer');
/** The parameters that name another of the agent's calls: given a call's connId, the agent's own call id there is sent, as for --session. */
const CALL_REFERENCES: readonly string[] = ['otherCallUri', 'consultCallUri'];
/** Every parameter of every operation, once. */
const PARAMETERS = [...new Map(OPERATIONS.flatMap((o) => parametersOf(o).map((p) => [p.name, { ...p, of: o.name }] as const))).values()];
const usedBy = (name: string) => [...new Set(OPERATIONS.filter((o) => parametersOf(o).some((p) => p.name === name)).map((o) => o.name))];

export const triggerCommand: CommandModule<object, TriggerArgs> = {
  command: 'trigger <operation>',
  describe: 'Perform one GWS operation as an agent and print the GWS answer',
  builder: (cli) => {
    let built = cli
      .positional('operation', { choices: restOperationNames(), demandOption: true, describe: 'The operationName' })
      .option('agent', { type: 'string', demandOption: true, describe: 'The user name who performs it' })
      .option('password', { type: 'string', describe: 'Default: the user name (as in the embedded fixture)' })
      .option('session', { type: 'string', describe: "The session id (an operation on a session); a call's connId (the agent's own call id there is looked up) or the agent's own call id" })
      .option('media', MEDIA_OPTION)
      .option('channel', { type: 'string', describe: 'The channel of Ready and NotReady, e.g. chat (without it: every channel the agent is logged in on)' })
      .option('target', { type: 'string', describe: 'The agent to act on (Consult, Transfer, RemoveParticipantFromConference): a user name, or a user URI' })
      .option('server', { type: 'string', default: DEFAULT_SERVER, describe: 'The running gws-sim' })
      .option('admin-token', { type: 'string', describe: "The server's --admin-token (to look a user name up in /sim/state)" });
    for (const parameter of PARAMETERS) {
      const json = parameter.type === 'object' || parameter.type === 'array';
      built = built.option(parameter.name, {
        type: 'string',
        describe: `${json ? `JSON${parameter.shorthand ? ` (or its ${parameter.shorthand} alone)` : ''}: ` : ''}the ${parameter.name} of ${usedBy(parameter.name).join(', ')}${CALL_REFERENCES.includes(parameter.name) ? ": the agent's own call id, uri or path, or the call's connId" : ''}`,
      });
    }
    return built
      .check((args) => {
        checkServer(args.server);
        const on = targetOf(args.operation);
        if (on === 'session' && args.session === undefined) throw new Error(`trigger ${args.operation} acts on a session: give --session <id> (a call: its connId, or the agent's own call id)`);
        if (on !== 'session' && args.session !== undefined) throw new Error(`trigger ${args.operation} acts on the agent${on === 'device' ? "'s phone" : ''}, not on a session: leave --session out`);
        if (on === 'channel' && args.channel === undefined && !onEveryChannel(args.operation)) throw new Error(`trigger ${args.operation} acts on one of the agent's channels: give --channel chat`);
        return true;
      })
      .example('$0 trigger RemoveParticipantFromConference --agent agent1 --session 0002EaAY01MT0082 --target agent2', 'the documented removal')
      .example('$0 trigger Accept --agent agent2 --session gws-sim-00SIM00000000002 --media chat', 'a chat accepted')
      .example('$0 trigger StartContactCenterSession --agent agent2 --channels \'["chat"]\'', "the agent's day begins: logged in on chat, NotReady")
      .example('$0 trigger Ready --agent agent2 --channel chat', 'Ready on chat: routed chats are offered to agent2')
      .example('$0 trigger NotReady --agent agent2 --reason Lunch', 'NotReady on every channel agent2 is logged in on (POST /api/v2/me)')
      .example('$0 trigger SendMessage --agent agent1 --session 0002EaAY01MT0082 --text "Hello"', 'a message to the customer')
      .example('$0 trigger AttachUserData --agent agent1 --session 0002EaAY01MT0082 --userData \'{"Reason":"Billing"}\'', 'user data, as JSON')
      .example('$0 trigger Dial --agent agent1 --destination 7002', "agent1's phone dials agent2's DN (POST /api/v2/me/devices/{id}/calls)")
      .example('$0 trigger Answer --agent agent2 --session gws-sim-00SIM00000000002', "agent2 answers the call with that connId (posted to agent2's own call id)")
      .example('$0 trigger DoNotDisturbOn --agent agent2', "do-not-disturb on agent2's phone (POST /api/v2/me/devices/{id})")
      .example('$0 trigger InitiateTransfer --agent agent1 --session 0071000000000002 --destination 7002', "agent1 holds the call and consults agent2; stderr names the consultation call's connId")
      .example('$0 trigger Answer --agent agent2 --session 0071000000000006', 'agent2 answers the consultation call (its connId)')
      .example('$0 trigger CompleteTransfer --agent agent1 --session 0071000000000006', 'the transfer completed on the consultation call (or on the held original, 0071000000000002)')
      .example('$0 trigger SwapCalls --agent agent1 --session 0071000000000006 --otherCallUri 0071000000000002', "agent1's held call Established, the other Held")
      .example('$0 trigger RemoveParticipantFromConference --agent agent1 --session 0071000000000002 --participant 7002', "agent2's DN removed from agent1's conference (InitiateConference, CompleteConference)")
      .example('$0 trigger SingleStepTransfer --agent agent1 --session 0071000000000002 --destination 9000', "the call to the queue's routing point: routed to an agent Ready on voice")
      .epilogue(
        "A consultation call: InitiateTransfer and InitiateConference answer {statusCode: 0} alone, as GWS does; trigger then names the consultation call's connId on stderr (it is also in GET /sim/state: the original call's call.consults). " +
          "Every party gives that connId as --session; after CompleteTransfer or CompleteConference the consulted agent is on the original call: its connId.\n\n" +
          'Exit code: 0 when the answer has statusCode 0, 1 otherwise.',
      ) as never;
  },
  handler: async (args) => {
    const server = args.server.replace(/\/+$/, '');
    try {
      const params: Record<string, unknown> = args.target === undefined ? {} : { targetUri: await targetUri(server, args.target, args['admin-token']) };
      for (const parameter of PARAMETERS) {
        const value = args[parameter.name];
        if (typeof value !== 'string') continue;
        const short = parameter.shorthand !== undefined && !/^\s*[[{]/.test(value);
        params[parameter.name] = short ? { [parameter.shorthand!]: value } : asJson(parameter.type) ? parseJson(parameter.name, value) : value;
      }
      for (const name of CALL_REFERENCES) if (typeof params[name] === 'string') params[name] = await ownCallId(server, params[name] as string, args.agent, args['admin-token']);
      const on = targetOf(args.operation);
      const { media, id, hint } = on === 'session' ? await sessionMedia(server, args.session!, args.media, args['admin-token'], args.agent) : { media: DEFAULT_MEDIA, id: '', hint: undefined };
      // Ready and NotReady without --channel: POST /api/v2/me, on every channel.
      const target: OperationTarget =
        on === 'channel' && args.channel !== undefined
          ? { channel: args.channel }
          : on === 'me' || on === 'channel'
            ? { me: true }
            : on === 'device'
              ? { device: await deviceId(server, args.agent, args['admin-token']) }
              : ({ [familyNamed(media).resource]: id } as OperationTarget);
      const answer = await performOperation(server, { user: args.agent, password: args.password ?? args.agent }, args.operation, target, params);
      console.log(JSON.stringify(answer, null, 2));
      if (answer.statusCode !== 0 && hint !== undefined) console.error(`gws-sim: ${hint}`);
      if (answer.statusCode === 0 && CONSULTING.includes(args.operation)) await tellConsultation(server, id, args.agent, args['admin-token']);
      process.exit(answer.statusCode === 0 ? EXIT.ok : EXIT.failure);
    } catch (error) {
      const asked = `${args.operation} as ${args.agent}${args.session === undefined ? '' : ` on session ${args.session}`}`;
      if (error instanceof UnreachableError) console.error(`gws-sim: cannot perform ${asked}: ${notRunning(server, error.reason)}`);
      else console.error(`gws-sim: ${(error as Error).message}`);
      process.exit(EXIT.failure);
    }
  },
};

/** Objects, arrays and booleans (Complete's --saveLAR true) are read as JSON. */
const asJson = (type: string) => type === 'object' || type === 'array' || type === 'boolean';

/** Ready and NotReady: without --channel, posted to /api/v2/me for every channel. */
const onEveryChannel = (name: string) => REGISTRY.some((o) => o.actor === 'agent-state' && o.name === name && o.everyChannel === true);

function parseJson(name: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new Error(`--${name} takes JSON, such as '{"Reason":"Billing"}' or '["Reason"]'; got ${value}`);
  }
}

/** The id of the agent's device (its phone), from the server's /sim/state. */
async function deviceId(server: string, agent: string, adminToken: string | undefined): Promise<string> {
  const state = await (await remoteTarget(server, adminHeaders(adminToken))).phones();
  const found = deviceIdIn(state, agent);
  if (found === undefined) throw new Error(`no user named '${agent}' on ${server}; its users: ${state.users.map((u) => u.userName).join(', ')}`);
  return found;
}

/** `agent`'s own call id in the call whose connId `reference` is; any other reference (a call id, uri or path), or when /sim/state cannot be read, as given. */
async function ownCallId(server: string, reference: string, agent: string, adminToken: string | undefined): Promise<string> {
  const state = await phonesOn(server, adminToken);
  return (state && callIdIn(state, reference, agent)) ?? reference;
}

/** Names on stderr the consultation call `agent` just started from its call `callId` (the GWS answer does not). */
async function tellConsultation(server: string, callId: string, agent: string, adminToken: string | undefined): Promise<void> {
  const state = await phonesOn(server, adminToken);
  const connId = state && consultationIn(state, connIdOfCall(state, callId) ?? callId, agent);
  console.error(connId ? `gws-sim: ${agent}'s consultation call: connId ${connId} (every party's --session for it)` : "gws-sim: the consultation call's connId: see GET /sim/state (the original call's call.consults)");
}

/** The server's phones and calls (GET /sim/state); undefined when it refuses them (an --admin-token missing). */
async function phonesOn(server: string, adminToken: string | undefined): Promise<PhonesState | undefined> {
  try {
    return await (await remoteTarget(server, adminHeaders(adminToken))).phones();
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    return undefined;
  }
}

/** A URI as given; a user name as that user's URI on the server. */
async function targetUri(server: string, target: string, adminToken: string | undefined): Promise<string> {
  if (/^https?:\/\//.test(target)) return target;
  const users = await (await remoteTarget(server, adminHeaders(adminToken))).users();
  const user = users.find((u) => u.userName === target);
  if (!user) throw new Error(`--target: no user named '${target}' on ${server}; its users: ${users.map((u) => u.userName).join(', ')}`);
  return `${server}/api/v2${userPath(user.id)}`;
}
