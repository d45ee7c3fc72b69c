import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import type { z } from 'zod';
import { loadFixture, type Fixture } from '../gws/fixture';
import { GwsModel } from '../gws/model';
import type { SampleCall } from '../gws/operations/operation';
import { collectionCreatedBy, operationNamed, operationNames } from '../gws/operations/registry';
import { DEFAULT_MEDIA, FAMILIES, familyNamed, familyOfCollection, type MediaName } from '../gws/families';
import { performCalls } from '../gws/operations/sample';
import type { Outcome } from '../gws/operations/registry';
import { CONSULTING } from '../gws/families/voice/initiate';
import { userPath } from '../gws/wire';
import { FileError, problemAt, problemsOf, readJsonFile, type Problem } from '../validation';
import { contextFor } from './context';
import { kindOf, type Expected } from './expect';
import { loadOperationStream, streamFileOf } from './loader';
import { expectationProblems, type NotificationShapes } from './shapes';
import { namesOf, ScriptSchema, type ScriptStep } from './script-schema';
import { CUSTOMER_ACTIONS, customerActionsOf, type CustomerAction } from '../gws/operations/customer/actions';
import type { OperationStream } from './stream';
import { compileTemplate, type Json } from './template';

export interface ScriptAgent {
  name: string;
  transport: 'websocket' | 'long-polling';
  password: string;
  /** Connected before the first step, unless a connect step names it. */
  connectsAtStart: boolean;
}

/** A checked scenario, ready to run against a server at any URL. */
export interface Script {
  file: string;
  description?: string;
  /** The fixture file the scenario starts from; undefined for the embedded one. */
  fixtureFile?: string;
  fixture: Fixture;
  agents: ScriptAgent[];
  /** The steps, with what depends on the server's URL filled in. */
  steps(server: string): ScriptStep[];
  /** Set when the file is an operation stream: the simulator must play this file for the check to mean anything. */
  operationStream?: { operation: string; file: string };
  /** The medium of the operation stream's operation (none for an operation on the agent itself). */
  operationMedia?: MediaName;
  /** The medium of a session the steps name: a fixture's session, or one an offer step made. */
  mediaOf(session: string): MediaName;
}

/**
 * Loads a scenario file: a script (it has `steps`) or an operation stream (it has `streams`),
 * which becomes the script "perform the operation, expect exactly the declared streams".
 */
export function loadScenario(file: string, shapes?: NotificationShapes): Script {
  const source = readJsonFile(file);
  const value = source.value as Record<string, unknown> | null;
  if (value !== null && typeof value === 'object' && 'streams' in value && !('steps' in value)) {
    // The sample's calls say all that happens: the customer of an outbound call answers when a call says so, not on its own.
    const fixture = loadFixture();
    return streamScript(file, loadOperationStream(file), { ...fixture, voice: { ...fixture.voice, answerAfterMs: 0 } });
  }
  const parsed = ScriptSchema.safeParse(source.value);
  const problems: Problem[] = parsed.success ? [] : problemsOf(source, ScriptSchema, parsed.error.issues);
  // A file with mistakes is checked on, as far as it goes: every problem is said in one run.
  const script = parsed.success ? parsed.data : partialScript(source.value);
  if (script === undefined) throw new FileError(file, problems);
  const fixtureFile = script.fixture === undefined ? undefined : path.resolve(path.dirname(file), script.fixture);
  const fixture = loadFixtureAfter(problems, file, fixtureFile);
  const users = new Map(fixture.users.map((u) => [u.userName, u]));
  const agents = Object.entries(script.agents).map(([name, spec]): ScriptAgent => {
    const user = users.get(name);
    if (!user) problems.push(problemAt(source, ['agents', name], `no user '${name}' in the fixture; its users: ${[...users.keys()].join(', ')}`));
    const connectsLater = script.steps.some((s) => s?.kind === 'connect' && namesOf(s.connect).includes(name));
    return { name, transport: spec.transport, password: spec.password ?? user?.password ?? '', connectsAtStart: !connectsLater };
  });
  // Each session the steps may name, and its medium.
  const sessions = fixtureSessions(fixture);
  script.steps.forEach((step, i) => {
    if (step === undefined) return;
    // InitiateTransfer and InitiateConference name the consultation call they make.
    if (step.kind === 'perform' && step.consultation !== undefined && CONSULTING.includes(step.perform)) sessions.set(step.consultation, 'voice');
    if (step.kind === 'offer') sessions.set(step.session, step.media ?? DEFAULT_MEDIA);
    const created = step.kind === 'perform' ? collectionCreatedBy(step.perform) : undefined;
    // Dial names the call it makes.
    if (step.kind === 'perform' && created !== undefined) {
      if (step.session !== undefined) sessions.set(step.session, familyOfCollection(created)!.name);
    } else if (step.kind === 'perform' && step.consultation !== undefined && !CONSULTING.includes(step.perform)) {
      problems.push(problemAt(source, ['steps', i, 'consultation'], `${step.perform} makes no consultation call: only ${CONSULTING.join(' and ')} do; leave "consultation" out`));
    } else if ((step.kind === 'perform' || step.kind === 'customer') && step.session !== undefined) {
      const media = sessions.get(step.session);
      if (media === undefined) {
        problems.push(
          problemAt(source, ['steps', i, 'session'], `no session '${step.session}' in the fixture nor offered before this step; the sessions: ${[...sessions.keys()].join(', ')}`),
        );
      } else if (step.kind === 'perform' && !operationNames(media).includes(step.perform)) {
        problems.push(problemAt(source, ['steps', i, 'perform'], `${step.perform} is not an operation on a ${familyNamed(media).resource}; its operations: ${operationNames(media).join(', ')}`));
      } else if (step.kind === 'customer' && !customerActionsOf(media).includes(step.customer)) {
        const noun = familyNamed(media).resource;
        problems.push(problemAt(source, ['steps', i, 'customer'], `the customer of a ${noun} does not ${step.customer}; in a ${noun} it may: ${customerActionsOf(media).join(', ')}`));
      }
    }
    if (step.kind === 'expectRequest' && step.expectRequest.agent !== undefined && !users.has(step.expectRequest.agent)) {
      problems.push(problemAt(source, ['steps', i, 'expectRequest', 'agent'], `no user '${step.expectRequest.agent}' in the fixture; its users: ${[...users.keys()].join(', ')}`));
    }
    if (step.kind === 'perform' && step.target !== undefined && !users.has(step.target) && !/^https?:\/\//.test(step.target)) {
      problems.push(
        problemAt(source, ['steps', i, 'target'], `expected a user of the fixture (${[...users.keys()].join(', ')}) or a URI, found '${step.target}'`),
      );
    }
  });
  if (shapes !== undefined) problems.push(...expectationProblems(source, script.steps, shapes));
  if (problems.length > 0 || !parsed.success) throw new FileError(file, problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  const steps = parsed.data.steps;

  return {
    file,
    description: script.description,
    fixtureFile,
    fixture,
    agents,
    mediaOf: (session) => sessions.get(session) ?? DEFAULT_MEDIA,
    steps: (server) => {
      const context = { server, users: Object.fromEntries(fixture.users.map((u) => [u.userName, userContext(u, server)])) };
      return steps.map((step) => {
        if (step.kind !== 'perform') return step;
        const targetUser = step.target === undefined ? undefined : users.get(step.target);
        const target: Record<string, Json> = step.target === undefined ? {} : { targetUri: targetUser ? userContext(targetUser, server).uri : step.target };
        return { ...step, params: { ...target, ...(compileTemplate(step.params ?? {}).render(context) as Record<string, Json>) } };
      });
    },
  };
}

type ParsedScript = z.infer<typeof ScriptSchema>;

/** What of an invalid script parses: its fixture, agents and each step that is right (undefined for one that is not). */
function partialScript(value: unknown): (Omit<ParsedScript, 'steps'> & { steps: (ScriptStep | undefined)[] }) | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { fixture, agents, steps } = value as Record<string, unknown>;
  const { shape } = ScriptSchema;
  const fixtureFile = shape.fixture.safeParse(fixture);
  if (!fixtureFile.success) return undefined; // no fixture to check the rest against
  const agentOf = (spec: unknown) => shape.agents.valueType.safeParse(spec).data ?? { transport: 'websocket' as const };
  return {
    fixture: fixtureFile.data,
    agents: agents !== null && typeof agents === 'object' && !Array.isArray(agents) ? Object.fromEntries(Object.entries(agents).map(([name, spec]) => [name, agentOf(spec)])) : {},
    steps: Array.isArray(steps) ? steps.map((step) => shape.steps.element.safeParse(step).data) : [],
  };
}

/** The script's fixture; one that cannot be loaded is said after the `problems` found before, not instead of them. */
function loadFixtureAfter(problems: readonly Problem[], file: string, fixtureFile: string | undefined): Fixture {
  try {
    return loadFixture(fixtureFile);
  } catch (error) {
    if (!(error instanceof FileError) || problems.length === 0) throw error;
    throw new FileError(file, [...problems, { path: '$.fixture', message: error.message }]);
  }
}

/** The fixture's sessions by id, with their medium. */
function fixtureSessions(fixture: Fixture): Map<string, MediaName> {
  return new Map(FAMILIES.flatMap((family) => (family.fixtureKey === undefined ? [] : fixture[family.fixtureKey].map((s) => [s.id, family.name] as const))));
}

function userContext(user: { id: string; userName: string }, server: string) {
  return { id: user.id, userName: user.userName, path: userPath(user.id), uri: `${server}/api/v2${userPath(user.id)}` };
}

/**
 * The script that checks an operation stream file: every agent of the fixture connects, the
 * operation's sample is played (an arrival first, for Accept), and after each call each agent must
 * receive exactly what the stream says (the shipped stream for the calls before, this file for the
 * operation); fields that depend on the time of sending are not compared.
 */
function streamScript(file: string, stream: OperationStream, fixture: Fixture): Script {
  const model = new GwsModel(fixture);
  const calls = operationNamed(stream.operation, stream.media)?.sample(model);
  if (!calls) throw new FileError(file, [{ path: '$', message: `the fixture has no session where ${stream.operation} can succeed` }]);
  const nameOf = (userId: string) => model.userById(userId)!.userName;
  const agents = fixture.users.map((u): ScriptAgent => ({ name: u.userName, transport: 'websocket', password: u.password, connectsAtStart: true }));
  const streamOf = (operation: string) => (operation === stream.operation ? stream : loadOperationStream(streamFileOf(operationNamed(operation, stream.media)!)));
  const last = calls[calls.length - 1];

  return {
    file,
    operationStream: { operation: stream.operation, file },
    operationMedia: stream.media,
    // The sample's sessions are the fixture's and the one its offer makes, of the stream's medium.
    mediaOf: (session) => fixtureSessions(fixture).get(session) ?? stream.media ?? DEFAULT_MEDIA,
    description: `${stream.operation}${last.as ? ` by ${nameOf(last.as)}` : ''}: each agent receives exactly what ${path.basename(file)} declares`,
    fixture,
    agents,
    steps: (server): ScriptStep[] => {
      // Played twice, a day apart: what differs (times, dates) is not compared.
      const params: Record<string, unknown>[] = [];
      const early = performCalls(new GwsModel(fixture), calls, stream.media, 0, params);
      const late = performCalls(new GwsModel(fixture), calls, stream.media, DAY_MS);
      // The calls the steps act on, by the name the step that made each gave it.
      const names = new Map<string, string>();
      let current = SAMPLE_SESSION;
      return calls.flatMap((call, i): ScriptStep[] => {
        const played = streamOf(call.operation);
        const expected = expectedAfter(played, early[i], late[i], server, agents, nameOf);
        const totalMs = Math.max(0, ...played.roles.map((role) => played.durationMs(role))) * partsOf(early[i]).length;
        const outcome = early[i];
        const session = call.session ?? current;
        const step = stepOf({ ...call, params: params[i], session }, nameOf, stream.media ?? DEFAULT_MEDIA);
        // A consultation call gets a name of its own (a Dial's call, its step's session); after a completion the steps act on the call it told of.
        const created = 'created' in outcome ? outcome.created : undefined;
        if ('session' in outcome && outcome.media !== undefined && call.session === undefined) {
          if (!names.has(outcome.session.id)) names.set(outcome.session.id, session);
          current = names.get(outcome.session.id)!;
        }
        if (created !== undefined && step.kind === 'perform' && CONSULTING.includes(step.perform)) {
          current = `consultation-${i}`;
          names.set(created, current);
          step.consultation = current;
        }
        return [step, { kind: 'expect', expect: expected, timeoutMs: 10_000 + totalMs * 2 }];
      });
    },
  };
}

/** An outcome with its notifications on other calls, in the order the StreamPlayer plays them for each agent. */
const partsOf = (outcome: Outcome): Outcome[] => ('before' in outcome ? [...outcome.before, outcome, ...outcome.after] : [outcome]);

/**
 * What each agent must receive after one sample call: the stream's steps for each of its roles,
 * merged by when each falls due (an agent told in two roles, its channels and its phone, receives
 * both; a part on another call starts where the agent's previous part ended), with only the fields
 * that are the same a day later (`late`).
 */
function expectedAfter(played: OperationStream, early: Outcome, late: Outcome, server: string, agents: readonly ScriptAgent[], nameOf: (userId: string) => string): Record<string, Expected[]> {
  const due: Record<string, { at: number; expected: Expected }[]> = Object.fromEntries(agents.map((a) => [a.name, []]));
  const ends: Record<string, number> = {};
  const lateParts = partsOf(late);
  partsOf(early).forEach((part, k) => {
    const starts = { ...ends };
    part.recipients.forEach((recipient, r) => {
      const lateSteps = played.stepsFor(recipient.role, contextFor(lateParts[k], server, lateParts[k].recipients[r]));
      const name = nameOf(recipient.userId);
      let at = starts[name] ?? 0;
      played.stepsFor(recipient.role, contextFor(part, server, recipient)).forEach((step, j) => {
        at += step.afterMs;
        due[name].push({ at, expected: stableFields(step.render(0), lateSteps[j].render(DAY_MS)) });
      });
      ends[name] = Math.max(ends[name] ?? 0, at);
    });
  });
  return Object.fromEntries(Object.entries(due).map(([name, list]) => [name, list.sort((a, b) => a.at - b.at).map((d) => d.expected)]));
}

const DAY_MS = 86_400_000;
const SAMPLE_SESSION = 'sample';

/** A sample call as a script step: an offer, what the customer does, or an agent's operation (on a session of `media`, or on itself). */
function stepOf(call: SampleCall & { params: Record<string, unknown> }, nameOf: (userId: string) => string, media: MediaName): ScriptStep {
  const session = call.session ?? SAMPLE_SESSION;
  if (call.operation === 'Offer') {
    // A session's customer is its nickname, a call's its number.
    const { offerTo, customer, from, text } = call.params as { offerTo: string; customer?: string; from?: string; text?: string };
    return { kind: 'offer', offer: offerTo, media, session, from: customer ?? from, text };
  }
  const action = Object.entries(CUSTOMER_ACTIONS).find(([, name]) => name === call.operation)?.[0] as CustomerAction | undefined;
  if (action) return { kind: 'customer', customer: action, session, text: call.params.text as string | undefined };
  const perform = { kind: 'perform', perform: call.operation, as: nameOf(call.as!), params: call.params as Record<string, Json> } as const;
  if (operationNamed(call.operation, media)?.actor === 'agent-state') return { ...perform, channel: call.channel };
  // Dial names the call it makes, which later calls act on.
  return { ...perform, session };
}

/** The fields of a notification that do not depend on when it is sent, as a partial match. */
function stableFields(early: unknown, late: unknown): Expected {
  const match: Record<string, unknown> = {};
  const walk = (a: unknown, b: unknown, at: string) => {
    if (at !== '' && isDeepStrictEqual(a, b)) {
      match[at] = a;
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) a.forEach((item, i) => walk(item, b[i], `${at}[${i}]`));
    else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
      for (const key of Object.keys(a)) if (/^[^.[\]]+$/.test(key)) walk((a as never)[key], (b as never)[key], at === '' ? key : `${at}.${key}`);
    }
  };
  walk(early, late, '');
  return { kind: kindOf(early), match };
}
