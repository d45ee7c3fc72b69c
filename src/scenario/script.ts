import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { loadFixture, type Fixture } from '../gws/fixture';
import { agentsOf, GwsModel, ROLES } from '../gws/model';
import type { OperationName } from '../gws/types';
import { performOperation } from '../gws/operations';
import { userPath } from '../gws/wire';
import { FileError, problemAt, readJsonFile, validate, type Problem } from '../validation';
import { contextFor } from './context';
import { kindOf, type Expected } from './expect';
import { loadOperationStream } from './loader';
import { namesOf, ScriptSchema, type ScriptStep } from './script-schema';
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
  operationStream?: { operation: OperationName; file: string };
}

/**
 * Loads a scenario file: a script (it has `steps`) or an operation stream (it has `streams`),
 * which becomes the script "perform the operation, expect exactly the declared streams".
 */
export function loadScenario(file: string): Script {
  const source = readJsonFile(file);
  const value = source.value as Record<string, unknown> | null;
  if (value !== null && typeof value === 'object' && 'streams' in value && !('steps' in value)) {
    return streamScript(file, loadOperationStream(file), loadFixture());
  }
  const script = validate(ScriptSchema, source);
  const fixtureFile = script.fixture === undefined ? undefined : path.resolve(path.dirname(file), script.fixture);
  const fixture = loadFixture(fixtureFile);
  const users = new Map(fixture.users.map((u) => [u.userName, u]));
  const problems: Problem[] = [];
  const agents = Object.entries(script.agents).map(([name, spec]): ScriptAgent => {
    const user = users.get(name);
    if (!user) problems.push(problemAt(source, ['agents', name], `no user '${name}' in the fixture; its users: ${[...users.keys()].join(', ')}`));
    const connectsLater = script.steps.some((s) => s.kind === 'connect' && namesOf(s.connect).includes(name));
    return { name, transport: spec.transport, password: spec.password ?? user?.password ?? '', connectsAtStart: !connectsLater };
  });
  const sessions = new Set(fixture.facebooksessions.map((s) => s.id));
  script.steps.forEach((step, i) => {
    if (step.kind === 'perform' && !sessions.has(step.session)) {
      problems.push(problemAt(source, ['steps', i, 'session'], `no facebook session '${step.session}' in the fixture; its sessions: ${[...sessions].join(', ')}`));
    }
    if (step.kind === 'perform' && step.target !== undefined && !users.has(step.target) && !/^https?:\/\//.test(step.target)) {
      problems.push(
        problemAt(source, ['steps', i, 'target'], `expected a user of the fixture (${[...users.keys()].join(', ')}) or a URI, found '${step.target}'`),
      );
    }
  });
  if (problems.length > 0) throw new FileError(file, problems);

  return {
    file,
    description: script.description,
    fixtureFile,
    fixture,
    agents,
    steps: (server) => {
      const context = { server, users: Object.fromEntries(fixture.users.map((u) => [u.userName, userContext(u, server)])) };
      return script.steps.map((step) => {
        if (step.kind !== 'perform') return step;
        const targetUser = step.target === undefined ? undefined : users.get(step.target);
        const target: Record<string, Json> = step.target === undefined ? {} : { targetUri: targetUser ? userContext(targetUser, server).uri : step.target };
        return { ...step, params: { ...target, ...(compileTemplate(step.params ?? {}).render(context) as Record<string, Json>) } };
      });
    },
  };
}

function userContext(user: { id: string; userName: string }, server: string) {
  return { id: user.id, userName: user.userName, path: userPath(user.id), uri: `${server}/api/v2${userPath(user.id)}` };
}

/**
 * The script that checks an operation stream file: in the first session where the operation can
 * succeed, every agent of the fixture connects, the first agent with visibility All performs it
 * on another agent, and each agent must receive exactly its role's stream (fields that depend on
 * the time of sending are not compared); agents outside the session, nothing.
 */
function streamScript(file: string, stream: OperationStream, fixture: Fixture): Script {
  const model = new GwsModel(fixture);
  const session = model.allSessions().find((s) => agentsOf(s).some((a) => a.visibility === 'All') && agentsOf(s).length > 1);
  if (!session) throw new FileError(file, [{ path: '$', message: `the fixture has no session where ${stream.operation} can succeed` }]);
  const callerId = agentsOf(session).find((a) => a.visibility === 'All')!.userId;
  const targetId = agentsOf(session).find((a) => a.userId !== callerId)!.userId;
  const nameOf = (userId: string) => model.userById(userId)!.userName;
  const agents = fixture.users.map((u): ScriptAgent => ({ name: u.userName, transport: 'websocket', password: u.password, connectsAtStart: true }));
  const totalMs = Math.max(...ROLES.map((role) => stream.durationMs(role)));

  return {
    file,
    operationStream: { operation: stream.operation, file },
    description: `${stream.operation} by ${nameOf(callerId)} on ${nameOf(targetId)}: each agent receives exactly what ${path.basename(file)} declares`,
    fixture,
    agents,
    steps: (server): ScriptStep[] => {
      const outcome = performOperation(new GwsModel(fixture), model.userById(callerId)!, session.id, {
        operationName: stream.operation,
        targetPath: `/users/${targetId}`,
      });
      const context = contextFor(outcome, server);
      const expected: Record<string, Expected[]> = Object.fromEntries(agents.map((a) => [a.name, []]));
      for (const { role, userId } of outcome.recipients) {
        expected[nameOf(userId)] = stream.stepsFor(role, context).map((step) => stableFields(step.render(0), step.render(86_400_000)));
      }
      return [
        { kind: 'perform', perform: stream.operation, as: nameOf(callerId), session: session.id, params: { targetPath: `/users/${targetId}` } },
        { kind: 'expect', expect: expected, timeoutMs: 10_000 + totalMs * 2 },
      ];
    },
  };
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
