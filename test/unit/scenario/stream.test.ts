import { AGENT1_ID, AGENT2_ID } from '../../helpers/default-fixture';
import fs from 'node:fs';
import path from 'node:path';
import { loadFixture } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';
import { performOperation, type OperationOutcome } from '../../../src/gws/operations/registry';
import { gwsTimestamp } from '../../../src/gws/timestamp';
import { contextFor } from '../../../src/scenario/context';
import { loadOperationStream, SCENARIOS_DIR } from '../../../src/scenario/loader';
import type { TimedStep } from '../../../src/scenario/player';

const BASE = 'http://sim.test:1';
const SESSION_ID = '0002EaAY01MT0082';
const SESSION_URI = `${BASE}/api/v2/facebooksessions/${SESSION_ID}`;
const T0 = 1_700_000_000_000;

const SEED: Record<string, unknown> = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'seed-notifications.json'), 'utf8'),
);

/** Every key path of a JSON value, in document order: equal lists mean the same keys in the same order. */
function keyPaths(value: unknown, prefix = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, `${prefix}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}.${key}`, ...keyPaths(child, `${prefix}.${key}`)]);
}

const stream = loadOperationStream(path.join(SCENARIOS_DIR, 'remove-participant-from-conference.json'));

function removeAgent2(): OperationOutcome {
  const model = new GwsModel(loadFixture());
  const agent1 = model.userByName('agent1')!;
  return performOperation(model, agent1, SESSION_ID, {
    operationName: 'RemoveParticipantFromConference',
    targetPath: `/users/${AGENT2_ID}`,
  });
}

/** The steps of `role` after `outcome`, with URIs on `baseUrl`. */
const stepsOf = (role: string, outcome: OperationOutcome, baseUrl: string) => stream.stepsFor(role, contextFor(outcome, baseUrl));

/** Renders each step at T0 + its cumulative delay, as the player would at time scale 1. */
function renderAll(steps: TimedStep[]): any[] {
  let at = T0;
  return steps.map((step) => step.render((at += step.afterMs)));
}

const agent1Wire = {
  participantId: '007356278F310173',
  type: 'Agent',
  uri: `${BASE}/api/v2/users/${AGENT1_ID}`,
  visibility: 'All',
  path: `/users/${AGENT1_ID}`,
  nickname: 'TestName',
  id: '007356278F310173',
};
const agent2Wire = {
  participantId: '007356278F320175',
  type: 'Agent',
  uri: `${BASE}/api/v2/users/${AGENT2_ID}`,
  visibility: 'Agents',
  path: `/users/${AGENT2_ID}`,
  nickname: 'ConsultingAgent',
  id: '007356278F320175',
};
const customerWire = {
  nickname: 'VitaliyOnv',
  type: 'Customer',
  id: '007356278F230171',
  visibility: 'All',
  participantId: '007356278F230171',
};

function newMessages(message: object) {
  return {
    facebooksessionUri: SESSION_URI,
    messages: [message],
    facebooksessionPath: `/facebooksessions/${SESSION_ID}`,
    messageType: 'MessageLogUpdated',
    notificationType: 'NewMessages',
  };
}

function stateChange(referenceId: number | undefined, notificationType: string, state: string) {
  const fixtureSession = loadFixture().facebooksessions[0];
  return {
    referenceId,
    notificationType,
    messageType: 'FacebooksessionStateChangeMessage',
    facebooksession: {
      userData: fixtureSession.userData,
      receivedDate: '2015-10-21 16:12:03.000+0300',
      facebooksessionType: 'Inbound',
      suggestedQueueUris: [`${BASE}/api/v2/queues/41cc5016-2d18-4a91-93ec-b43748948608`],
      capabilities: [],
      uri: SESSION_URI,
      state,
      revelantResponseTemplateGroups: [],
      participants: [customerWire, agent1Wire],
      id: SESSION_ID,
    },
  };
}

const notice = (at: number) => ({
  index: 5,
  from: agent1Wire,
  text: `REMOVE_PARTICIPANT_FROM_CONFERENCE${AGENT2_ID}`,
  visibility: 'Agents',
  timestamp: gwsTimestamp(at),
  type: 'Notice',
  timestampSeconds: at,
});
const participantLeft = (at: number) => ({
  index: 6,
  from: agent2Wire,
  visibility: 'Agents',
  timestamp: gwsTimestamp(at),
  type: 'ParticipantLeft',
  timestampSeconds: at,
});

describe('OperationStream.stepsFor on the shipped RemoveParticipantFromConference stream', () => {
  let outcome: OperationOutcome;
  beforeEach(() => {
    outcome = removeAgent2();
  });

  it('gives the caller a Notice, the new participants, then the ParticipantLeft', () => {
    const steps = stepsOf('caller', outcome, BASE);
    expect(steps.map((s) => s.afterMs)).toEqual([40, 120, 150]);
    const [first, second, third] = renderAll(steps);

    expect(first).toEqual(newMessages(notice(T0 + 40)));
    expect(second).toEqual(stateChange(outcome.referenceId, 'ParticipantsUpdated', 'Chatting'));
    expect(second.facebooksession.participants).toHaveLength(2);
    expect(third).toEqual(newMessages(participantLeft(T0 + 310)));
    expect(third.messages[0].from.participantId).toBe(outcome.participants.target.participantId);
  });

  it('gives the target Chatting, the ParticipantLeft, LeftChat, Completed', () => {
    const steps = stepsOf('target', outcome, BASE);
    expect(steps.map((s) => s.afterMs)).toEqual([60, 150, 100, 150]);
    const rendered = renderAll(steps);

    expect(rendered).toEqual([
      stateChange(outcome.referenceId, 'StatusChange', 'Chatting'),
      newMessages(participantLeft(T0 + 210)),
      stateChange(outcome.referenceId, 'StatusChange', 'LeftChat'),
      stateChange(outcome.referenceId, 'StatusChange', 'Completed'),
    ]);
  });

  it('gives other agents what the caller gets', () => {
    const caller = renderAll(stepsOf('caller', outcome, BASE));
    const others = renderAll(stepsOf('others', outcome, BASE));
    expect(others).toEqual(caller);
  });

  it('writes keys in the order of the documentation page', () => {
    const caller = renderAll(stepsOf('caller', outcome, BASE));
    const target = renderAll(stepsOf('target', outcome, BASE));
    const documented = (agent: string, ordinals: string[]) => ordinals.map((o) => SEED[`${agent} ${o} Notification`]);
    expect(caller.map((n) => keyPaths(n))).toEqual(documented('Agent1', ['First', 'Second', 'Third']).map((n) => keyPaths(n)));
    expect(target.map((n) => keyPaths(n))).toEqual(documented('Agent2', ['First', 'Second', 'Third', 'Fourth']).map((n) => keyPaths(n)));
  });

  it('carries the referenceId of the outcome', () => {
    const model = new GwsModel(loadFixture());
    model.nextReferenceId();
    model.nextReferenceId();
    const third = performOperation(model, model.userByName('agent1')!, SESSION_ID, {
      operationName: 'RemoveParticipantFromConference',
      targetPath: `/users/${AGENT2_ID}`,
    });
    expect(third.referenceId).toBe(3);
    const [, second] = renderAll(stepsOf('caller', third, BASE));
    expect(second.referenceId).toBe(3);
    const target = renderAll(stepsOf('target', third, BASE));
    expect([target[0], target[2], target[3]].map((n) => n.referenceId)).toEqual([3, 3, 3]);
  });

  it('stamps messages with the render time passed in', () => {
    const [noticeStep] = stepsOf('caller', outcome, BASE);
    for (const at of [0, 1445433199000, T0 + 123]) {
      const [message] = (noticeStep.render(at) as any).messages;
      expect(message.timestampSeconds).toBe(at);
      expect(message.timestamp).toBe(gwsTimestamp(at));
    }
  });

  it('uses the base URL given for every URI', () => {
    const rendered = JSON.stringify([
      ...renderAll(stepsOf('caller', outcome, BASE)),
      ...renderAll(stepsOf('target', outcome, BASE)),
    ]);
    const uris = rendered.match(/https?:\/\/[^/"]+/g) ?? [];
    expect(uris.length).toBeGreaterThan(10);
    expect(new Set(uris)).toEqual(new Set([BASE]));

    const elsewhere = JSON.stringify(renderAll(stepsOf('caller', outcome, 'https://other.example:8443')));
    expect(elsewhere).toContain('https://other.example:8443/api/v2/facebooksessions/0002EaAY01MT0082');
    expect(elsewhere).not.toContain(BASE);
  });

  it('gives templates the emission time as now', () => {
    const context = contextFor(outcome, BASE);
    expect(context(T0).now).toEqual({ timestamp: gwsTimestamp(T0), timestampSeconds: T0 });
    expect(context(T0 + 5).now).toEqual({ timestamp: gwsTimestamp(T0 + 5), timestampSeconds: T0 + 5 });
    expect(context(T0)).toMatchObject({ operation: 'RemoveParticipantFromConference', referenceId: 1, sessionPath: `/facebooksessions/${SESSION_ID}` });
  });

  it("gives templates the recipient's state and capabilities, and the operation's participants by name", () => {
    const target = outcome.recipients.find((r) => r.role === 'target')!;
    expect(target).toEqual({ role: 'target', userId: AGENT2_ID, state: 'Completed', capabilities: [] });
    const caller = outcome.recipients.find((r) => r.role === 'caller')!;
    expect(caller).toMatchObject({ userId: AGENT1_ID, state: 'Chatting' });
    expect(caller.capabilities).toContain('SendMessage');

    const forTarget = contextFor(outcome, BASE, target)(T0);
    expect(forTarget).toMatchObject({ state: 'Completed', capabilities: [], caller: agent1Wire, target: agent2Wire });
    const forCaller = contextFor(outcome, BASE, caller)(T0);
    expect(forCaller).toMatchObject({ state: 'Chatting', capabilities: caller.capabilities });
    // Without a recipient (a dry run), a chatting agent with nothing allowed.
    expect(contextFor(outcome, BASE)(T0)).toMatchObject({ state: 'Chatting', capabilities: [] });
  });

  it('renders from the context it is given', () => {
    const [first] = stream.stepsFor('caller', contextFor(outcome, 'http://ctx.test:2'));
    expect((first.render(T0) as any).facebooksessionUri).toBe(`http://ctx.test:2/api/v2/facebooksessions/${SESSION_ID}`);
  });

  it('is not changed by what happens to the model after the operation', () => {
    const model = new GwsModel(loadFixture());
    const result = performOperation(model, model.userByName('agent1')!, SESSION_ID, {
      operationName: 'RemoveParticipantFromConference',
      targetPath: `/users/${AGENT2_ID}`,
    });
    model.allSessions()[0].state = 'Completed';
    model.reset();
    const [, second] = renderAll(stepsOf('caller', result, BASE));
    expect(second.facebooksession.state).toBe('Chatting');
    expect(second.facebooksession.participants).toEqual([customerWire, agent1Wire]);
  });
});

describe('OperationStream.durationMs', () => {
  it('sums the delays of each role', () => {
    expect(stream.durationMs('caller')).toBe(40 + 120 + 150);
    expect(stream.durationMs('target')).toBe(60 + 150 + 100 + 150);
    expect(stream.durationMs('others')).toBe(40 + 120 + 150);
  });
});
