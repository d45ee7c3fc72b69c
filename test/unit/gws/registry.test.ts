import { LocalLedger, modelApply } from '../../../src/ledger/ledger';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { Authenticator } from '../../../src/auth/authenticator';
import { GwsError } from '../../../src/errors';
import { loadFixture } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';
import { parametersOf } from '../../../src/gws/operations/describe';
import { defineAgentOperation, type Operation } from '../../../src/gws/operations/operation';
import { agentOperations, capabilitiesOf, operationNamed, operationNames, performOperation, REGISTRY, type OperationOutcome, type Outcome } from '../../../src/gws/operations/registry';
import { sampleByChattingAgent } from '../../../src/gws/operations/shared';
import { createApp } from '../../../src/http/app';
import { loadOperationStream, loadOperationStreams, SCENARIOS_DIR } from '../../../src/scenario/loader';
import { loadScenario } from '../../../src/scenario/script';
import { FileError } from '../../../src/validation';
import { AGENT1_ID, AGENT2_ID, SESSION_ID } from '../../helpers/default-fixture';
import { tempFolder, thrown } from '../../helpers/files';
import { rest } from '../../helpers/rest';

/**
 * The registry is the one list: an operation added to it, and nowhere else, is routed, offered in
 * capabilities, described for trigger and accepted by scripts and stream files. ProbeOperation is
 * such an operation, registered for a test only: allowed while chatting, offered to agents visible
 * to All, it sets the session's comment and answers what it set.
 */
const PROBE = 'ProbeOperation';
const probe = defineAgentOperation({
  media: 'facebook',
  name: PROBE,
  summary: 'A test operation',
  params: z.object({ probeNote: z.string().min(1), probeFlag: z.boolean().optional() }),
  example: { probeNote: 'hello' },
  states: ['Chatting'],
  offered: ({ participant }) => participant?.visibility === 'All',
  roles: ['caller'],
  participants: ['caller'],
  perform({ caller, session, self, params }) {
    session.comment = params.probeNote;
    return { participants: { caller: self! }, recipients: [{ role: 'caller', userId: caller.id }], answer: { probed: params.probeNote } };
  },
  sample: (model) => sampleByChattingAgent(model, PROBE, { probeNote: 'hello' }),
});

/** Registers an operation in `registry` as a line of registry.ts would; returns how to take it out. */
function register(registry: readonly Operation[], operation: Operation): () => void {
  const list = registry as Operation[];
  list.push(operation);
  return () => {
    const at = list.indexOf(operation);
    if (at >= 0) list.splice(at, 1);
  };
}

let unregister: (() => void) | undefined;
afterEach(() => {
  unregister?.();
  unregister = undefined;
});

const session = (model: GwsModel) => model.session(SESSION_ID);
const agent1 = (model: GwsModel) => model.userByName('agent1')!;

describe('an operation not in the registry', () => {
  it('is in no list, in no capabilities, and refused as unknown', () => {
    const model = new GwsModel(loadFixture());
    expect(operationNames()).not.toContain(PROBE);
    expect(operationNamed(PROBE)).toBeUndefined();
    expect(capabilitiesOf(model, session(model), AGENT1_ID)).not.toContain(PROBE);
    const error = thrown(GwsError, () => performOperation(model, agent1(model), SESSION_ID, { operationName: PROBE, probeNote: 'x' }));
    expect([error.statusCode, error.code]).toEqual([1, 'UNKNOWN_OPERATION']);
  });
});

describe('an operation registered in the registry only', () => {
  let model: GwsModel;
  beforeEach(() => {
    unregister = register(REGISTRY, probe);
    model = new GwsModel(loadFixture());
  });

  it('is among the operation names and found by name', () => {
    expect(operationNames().at(-1)).toBe(PROBE);
    expect(operationNamed(PROBE)).toBe(probe);
    expect(agentOperations()).toContain(probe);
  });

  it('is in the capabilities of the agents it is offered to, in the states it allows', () => {
    expect(capabilitiesOf(model, session(model), AGENT1_ID).at(-1)).toBe(PROBE);
    // agent2 is visible to Agents only: not offered.
    expect(capabilitiesOf(model, session(model), AGENT2_ID)).not.toContain(PROBE);
    session(model).states[AGENT1_ID] = 'LeftChat';
    expect(capabilitiesOf(model, session(model), AGENT1_ID)).not.toContain(PROBE);
  });

  it('describes its parameters from its schema, as trigger reads them', () => {
    expect(parametersOf(probe)).toEqual([
      { name: 'probeNote', type: 'string', optional: false },
      { name: 'probeFlag', type: 'boolean', optional: true },
    ]);
  });

  it('is performed: checked parameters, its answer, a referenceId, recipients with capabilities', () => {
    const outcome: OperationOutcome = performOperation(model, agent1(model), SESSION_ID, { operationName: PROBE, probeNote: 'noted' });
    expect(outcome).toMatchObject({ operation: PROBE, media: 'facebook', referenceId: 1, answer: { probed: 'noted' } });
    expect(outcome.session.comment).toBe('noted');
    expect(outcome.recipients).toEqual([{ role: 'caller', userId: AGENT1_ID, state: 'Chatting', capabilities: capabilitiesOf(model, session(model), AGENT1_ID) }]);
    expect(outcome.recipients[0].capabilities).toContain(PROBE);
  });

  it('is refused in a state it does not allow (2) and with a missing parameter (1), naming it', () => {
    const missing = thrown(GwsError, () => performOperation(model, agent1(model), SESSION_ID, { operationName: PROBE }));
    expect([missing.statusCode, missing.code]).toEqual([1, 'MISSING_PARAMETER']);
    expect(missing.message).toMatch(/^Missing required parameter 'probeNote': .*for example \{"probeNote":"hello"\}$/);
    session(model).states[AGENT1_ID] = 'LeftChat';
    const wrong = thrown(GwsError, () => performOperation(model, agent1(model), SESSION_ID, { operationName: PROBE, probeNote: 'x' }));
    expect([wrong.statusCode, wrong.code]).toEqual([2, 'WRONG_STATE']);
    expect(session(model).comment).toBeUndefined();
  });

  it('is answered on its REST route, and listed in the GET of the session', async () => {
    const outcomes: Outcome[] = [];
    const app = createApp({
      model,
      ledger: new LocalLedger(modelApply(model), () => Date.now()),
      authenticator: new Authenticator(model),
      baseUrl: () => 'http://sim.test',
      now: () => Date.now(),
      onOutcome: (outcome) => outcomes.push(outcome),
      notify: () => {},
      reset: () => model.reset(),
      state: () => ({}),
      log: () => {},
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const api = rest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const auth = { user: 'agent1', password: 'agent1' };
      const path = `/api/v2/me/facebooksessions/${SESSION_ID}`;
      const answer = await api.post(path, { operationName: PROBE, probeNote: 'over REST' }, auth);
      expect([answer.status, answer.body]).toEqual([200, { statusCode: 0, probed: 'over REST' }]);
      expect(outcomes.map((o) => [o.operation, o.referenceId])).toEqual([[PROBE, 1]]);
      const view = await api.get(path, auth);
      expect(view.body.facebooksession.capabilities).toContain(PROBE);
      expect(view.body.facebooksession.comment).toBe('over REST');

      unregister!();
      const gone = await api.post(path, { operationName: PROBE, probeNote: 'again' }, auth);
      expect([gone.status, gone.body.statusCode]).toEqual([400, 1]);
      expect(gone.body.statusMessage).toMatch(/^Unknown operationName 'ProbeOperation'/);
      expect((await api.get(path, auth)).body.facebooksession.capabilities).not.toContain(PROBE);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('needs its stream file: the shipped streams are loaded for every registered operation', () => {
    const error = thrown(FileError, () => loadOperationStreams());
    expect(error.file).toBe(path.join(SCENARIOS_DIR, 'probe-operation.json'));
  });

  describe('in scenario files', () => {
    const files = tempFolder('gws-sim-registry-');
    const streamFile = (roles: Record<string, unknown>) =>
      files.write(
        JSON.stringify({
          operation: PROBE,
          templates: { note: { by: '{{caller.nickname}}', comment: '{{session.comment}}', capabilities: '{{capabilities}}' } },
          streams: roles,
        }),
      );

    it('a stream file may name it, with its roles and participants, and is dry-run against its sample', () => {
      const stream = loadOperationStream(streamFile({ caller: [{ afterMs: 10, send: 'note' }] }));
      expect([stream.operation, stream.roles]).toEqual([PROBE, ['caller']]);
      const broken = files.write(
        JSON.stringify({ operation: PROBE, templates: { note: { x: '{{session.nope}}' } }, streams: { caller: [{ afterMs: 10, send: 'note' }] } }),
      );
      expect(thrown(FileError, () => loadOperationStream(broken)).problems).toEqual([
        { path: '$.streams.caller[0]', line: expect.any(Number), message: expect.stringMatching(/'session' has no 'nope'/) },
      ]);
    });

    it('a stream file for a role it does not have is refused, naming its roles', () => {
      const error = thrown(FileError, () => loadOperationStream(streamFile({ target: [{ afterMs: 10, send: 'note' }] })));
      expect(error.problems).toContainEqual(expect.objectContaining({ path: '$.streams.target', message: `${PROBE} has no role 'target'; its roles: caller` }));
    });

    it('a script may perform it, and may not once it is taken out', () => {
      const file = files.write(JSON.stringify({ agents: { agent1: {} }, steps: [{ perform: PROBE, as: 'agent1', session: SESSION_ID, params: { probeNote: 'x' } }] }));
      expect(loadScenario(file).steps('http://sim.test')[0]).toMatchObject({ kind: 'perform', perform: PROBE });
      unregister!();
      expect(thrown(FileError, () => loadScenario(file)).message).toContain(`found '${PROBE}'`);
    });
  });
});

describe("trigger's command line", () => {
  /** `gws-sim trigger --help`, from modules loaded afresh after `before` ran on their own registry. */
  function triggerHelp(before: (registry: Operation[]) => void): Promise<string> {
    let help!: Promise<string>;
    jest.isolateModules(() => {
      const fresh = require('../../../src/gws/operations/registry') as typeof import('../../../src/gws/operations/registry');
      before(fresh.REGISTRY as Operation[]);
      const { buildCli } = require('../../../src/cli/cli') as typeof import('../../../src/cli/cli');
      help = new Promise<string>((resolve, reject) => {
        buildCli(['trigger', '--help']).parse(['trigger', '--help'], {}, (error, _argv, output) =>
          error ? reject(error) : resolve(output),
        );
      });
    });
    return help;
  }

  it('offers a registered operation and an option per parameter it takes', async () => {
    const help = await triggerHelp((registry) => registry.push(probe));
    expect(help).toContain(`"${PROBE}"`);
    expect(help).toMatch(/--probeNote\s+the probeNote of ProbeOperation\s/);
    expect(help).toMatch(/--probeFlag\s+the probeFlag of ProbeOperation\s/);
  });

  it('offers neither without it', async () => {
    const help = await triggerHelp(() => {});
    expect(help).toContain('"RemoveParticipantFromConference"');
    expect(help).not.toContain(PROBE);
    expect(help).not.toContain('--probeNote');
  });
});
