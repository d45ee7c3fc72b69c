import { tempFolder, thrown } from '../../helpers/files';
import fs from 'node:fs';
import path from 'node:path';
import { defaultStreamFile, loadOperationStream, loadOperationStreams, SCENARIOS_DIR } from '../../../src/scenario/loader';
import { OperationStream } from '../../../src/scenario/stream';
import { FileError } from '../../../src/validation';
import { loadFixture } from '../../../src/gws/fixture';
import { CONFERENCE_ALL, INVITED } from '../gws/capabilities';

const SHIPPED = path.join(SCENARIOS_DIR, 'remove-participant-from-conference.json');
const AS_DOCUMENTED = path.join(SCENARIOS_DIR, 'remove-participant-from-conference.as-documented.json');

type StreamFile = Record<string, any>;
const shipped = (): StreamFile => JSON.parse(fs.readFileSync(SHIPPED, 'utf8'));

describe('the shipped operation streams', () => {
  it('live in scenarios/ beside src/', () => {
    expect(SCENARIOS_DIR).toBe(path.resolve(__dirname, '..', '..', '..', 'scenarios'));
    expect(defaultStreamFile('RemoveParticipantFromConference')).toBe(SHIPPED);
  });

  it.each([SHIPPED, AS_DOCUMENTED])('%s loads', (file) => {
    const stream = loadOperationStream(file);
    expect(stream).toBeInstanceOf(OperationStream);
    expect(stream.file).toBe(file);
    expect(stream.operation).toBe('RemoveParticipantFromConference');
  });

  it('gives the caller 3 steps and the target 4, each lasting at least 300 ms', () => {
    const stream = loadOperationStream(SHIPPED);
    const file = shipped();
    expect(file.streams.caller).toHaveLength(3);
    expect(file.streams.target).toHaveLength(4);
    expect(stream.durationMs('caller')).toBe(310);
    expect(stream.durationMs('target')).toBe(460);
  });

  it('the documented variant has the same step counts and no others stream', () => {
    const stream = loadOperationStream(AS_DOCUMENTED);
    const file: StreamFile = JSON.parse(fs.readFileSync(AS_DOCUMENTED, 'utf8'));
    expect(file.streams.caller).toHaveLength(3);
    expect(file.streams.target).toHaveLength(4);
    expect(stream.durationMs('caller')).toBeGreaterThanOrEqual(300);
    expect(stream.durationMs('target')).toBeGreaterThanOrEqual(300);
    expect(stream.durationMs('others')).toBe(0);
  });

  /** Every operation gws-sim performs on Facebook sessions, in the registry's order: the agent's (as capabilities list them), then the customer's. */
  const OPERATIONS = [...INVITED, ...CONFERENCE_ALL, 'Offer', 'CustomerMessage', 'CustomerStartTyping', 'CustomerStopTyping', 'CustomerLeave'];
  /** The same on chats, and SendCustomNotice and CancelConsult of chats alone; then the operations on the agent itself, of no medium. */
  const CHAT_OPERATIONS = [...OPERATIONS, 'SendCustomNotice', 'CancelConsult', 'SendCustomNoticeToAgents', 'SendStartTypingToAgentsNotification', 'SendStopTypingToAgentsNotification', 'SendNicknameUpdatedNotice'];
  const VOICE_OPERATIONS = [
    'Dial',
    'Answer',
    'Reject',
    'SingleStepTransfer',
    'InitiateConference',
    'Hold',
    'Retrieve',
    'SingleStepConference',
    'InitiateTransfer',
    'SendDtmf',
    'DeleteUserData',
    'AttachUserData',
    'DeleteUserDataPair',
    'Hangup',
    'UpdateUserData',
    'SwapCalls',
    'CompleteTransfer',
    'CompleteConference',
    'ClearCall',
    'RemoveParticipantFromConference',
    'MuteCall',
    'UnmuteCall',
    'StartCallRecording',
    'PauseCallRecording',
    'ResumeCallRecording',
    'StopCallRecording',
    'Offer',
    'CustomerHangup',
    'CustomerAnswer',
    'CustomerRefuse',
  ];
  const AGENT_STATE_OPERATIONS = ['StartContactCenterSession', 'EndContactCenterSession', 'Ready', 'NotReady', 'DoNotDisturbOn', 'DoNotDisturbOff'];
  const ALL = [
    ...OPERATIONS.map((name) => `facebook/${name}`),
    ...CHAT_OPERATIONS.map((name) => `chat/${name}`),
    ...VOICE_OPERATIONS.map((name) => `voice/${name}`),
    ...AGENT_STATE_OPERATIONS.map((name) => `agent/${name}`),
  ];

  it('loadOperationStreams() holds one stream per operation, keyed media/operation, the shipped one by default', () => {
    const streams = loadOperationStreams();
    expect([...streams.keys()]).toEqual(ALL);
    for (const name of OPERATIONS) {
      const stream = streams.get(`facebook/${name}`)!;
      expect([stream.operation, stream.media, stream.file]).toEqual([name, 'facebook', defaultStreamFile(name)]);
    }
    expect(streams.get('facebook/RemoveParticipantFromConference')?.file).toBe(SHIPPED);
    expect(defaultStreamFile('SendStartTypingNotification')).toBe(path.join(SCENARIOS_DIR, 'send-start-typing-notification.json'));
  });

  it("a chat's streams are under scenarios/chat, with media chat, a call's under scenarios/voice; the agent's own under scenarios/agent, of no medium", () => {
    const streams = loadOperationStreams();
    for (const name of CHAT_OPERATIONS) {
      const stream = streams.get(`chat/${name}`)!;
      expect([stream.operation, stream.media, stream.file]).toEqual([name, 'chat', defaultStreamFile(name, 'chat')]);
    }
    for (const name of VOICE_OPERATIONS) {
      const stream = streams.get(`voice/${name}`)!;
      expect([stream.operation, stream.media, stream.file]).toEqual([name, 'voice', defaultStreamFile(name, 'voice')]);
    }
    for (const name of AGENT_STATE_OPERATIONS) {
      const stream = streams.get(`agent/${name}`)!;
      expect([stream.operation, stream.media, stream.file]).toEqual([name, undefined, defaultStreamFile(name, 'agent')]);
    }
    expect(defaultStreamFile('Accept', 'chat')).toBe(path.join(SCENARIOS_DIR, 'chat', 'accept.json'));
    expect(defaultStreamFile('NotReady', 'agent')).toBe(path.join(SCENARIOS_DIR, 'agent', 'not-ready.json'));
  });

  it('loadOperationStreams(files) replaces the stream of the operation a file names, and only that one', () => {
    const streams = loadOperationStreams([AS_DOCUMENTED]);
    expect(streams.size).toBe(ALL.length);
    expect(streams.get('facebook/RemoveParticipantFromConference')?.file).toBe(AS_DOCUMENTED);
    expect(streams.get('facebook/Leave')?.file).toBe(defaultStreamFile('Leave'));
  });
});

describe('loadOperationStream on a broken file', () => {
  const { write } = tempFolder('gws-sim-stream-');
  const fileError = (call: () => unknown) => thrown(FileError, call);

  /** Loads the shipped file changed by `edit`; expects a FileError naming the file and `jsonPath`. */
  function expectProblem(edit: (file: StreamFile) => void, jsonPath: string, message: RegExp): FileError {
    const source = shipped();
    edit(source);
    const file = write(JSON.stringify(source, null, 2));
    const error = fileError(() => loadOperationStream(file));
    expect(error.file).toBe(file);
    expect(error.message.startsWith(`${file}:\n`)).toBe(true);
    expect(error.message).toContain(`  ${jsonPath} (line `);
    expect(error.problems).toContainEqual({ path: jsonPath, line: expect.any(Number), message: expect.stringMatching(message) });
    return error;
  }

  it('accepts the shipped file copied elsewhere (the edits below are what breaks it)', () => {
    const file = write(JSON.stringify(shipped()));
    expect(loadOperationStream(file).durationMs('caller')).toBe(310);
  });

  it('refuses an unknown top-level key', () => {
    expectProblem((f) => (f.stream = {}), '$', /"stream"/);
  });

  it('refuses an unknown key in a step', () => {
    expectProblem((f) => (f.streams.target[1].delay = 5), '$.streams.target[1]', /delay/);
  });

  it('refuses a negative afterMs', () => {
    expectProblem((f) => (f.streams.caller[0].afterMs = -1), '$.streams.caller[0].afterMs', />=\s*0/);
  });

  it('refuses a fractional afterMs', () => {
    expectProblem((f) => (f.streams.caller[1].afterMs = 1.5), '$.streams.caller[1].afterMs', /int/);
  });

  it('refuses a step that sends a template that does not exist', () => {
    expectProblem((f) => (f.streams.caller[0].send = 'nope'), '$.streams.caller[0].send', /expected the name of a template \(newMessages, stateChange, withdrawn\), found 'nope'/);
  });

  it('refuses a placeholder with an unknown root, listing the known ones', () => {
    const error = expectProblem(
      (f) => (f.templates.stateChange.facebooksession.state = '{{sesion.state}}'),
      '$.templates.stateChange',
      /\{\{sesion\.state\}\}.*'sesion'/,
    );
    expect(error.message).toContain('session');
  });

  it('refuses {{vars...}} in a step’s vars', () => {
    expectProblem((f) => (f.streams.caller[1].vars.state = '{{vars.state}}'), '$.streams.caller[1].vars.state', /'vars'/);
  });

  it('refuses a step that does not give a var its template uses', () => {
    expectProblem(
      (f) => {
        f.templates.newMessages.note = '{{vars.x}}';
      },
      '$.streams.caller[0].vars',
      /vars\.x.*"x"/,
    );
  });

  it('refuses a malformed placeholder in a template', () => {
    expectProblem((f) => (f.templates.newMessages.facebooksessionUri = '{{session..uri}}'), '$.templates.newMessages', /not a path/);
  });

  it('refuses a path that fails the dry run, naming the step', () => {
    const error = expectProblem(
      (f) => (f.streams.caller[0].vars.message = '{{session.nope}}'),
      '$.streams.caller[0]',
      /\{\{session\.nope\}\}.*'session' has no 'nope'/,
    );
    expect(error.problems).toHaveLength(1);
  });

  it('dry-runs against the fixture the simulator runs on, where the operation can succeed there', () => {
    const source = shipped();
    source.streams.caller[0].vars.message = 'Hello {{session.userData.FirstName}}';
    const file = write(JSON.stringify(source, null, 2));
    expect(loadOperationStream(file)).toBeInstanceOf(OperationStream);

    const fixture = JSON.parse(JSON.stringify(loadFixture()));
    delete fixture.facebooksessions[0].userData.FirstName;
    const error = fileError(() => loadOperationStream(file, fixture));
    expect(error.problems).toEqual([{ path: '$.streams.caller[0]', line: expect.any(Number), message: expect.stringMatching(/'session.userData' has no 'FirstName'/) }]);

    fixture.facebooksessions[0].participants[1].visibility = 'Agents'; // nobody there may remove: the embedded fixture decides
    expect(loadOperationStream(file, fixture)).toBeInstanceOf(OperationStream);
  });

  it('dry-runs the others stream too', () => {
    expectProblem((f) => (f.streams.others[2].vars.message = '{{messages.nope}}'), '$.streams.others[2]', /'nope'/);
  });

  it('refuses an unknown operation, listing the known ones', () => {
    expectProblem((f) => (f.operation = 'Dance'), '$.operation', /^expected an operation gws-sim performs \(Accept, .*RemoveParticipantFromConference.*\), found 'Dance'$/);
  });

  it('refuses a stream for a role the operation does not have, listing its roles', () => {
    expectProblem((f) => (f.operation = 'Leave'), '$.streams.target', /^Leave has no role 'target'; its roles: caller, others, withdrawn$/);
  });

  it('refuses an unknown media', () => {
    expectProblem((f) => (f.media = 'fax'), '$.media', /facebook/);
  });

  it('refuses a file that is not valid JSON', () => {
    const file = write('{\n  "operation": "RemoveParticipantFromConference",\n}');
    const error = fileError(() => loadOperationStream(file));
    expect(error.file).toBe(file);
    expect(error.problems).toEqual([{ path: '$', message: expect.stringMatching(/^not valid JSON: .*line 3, column 1$/) }]);
  });

  it('a broken file in loadOperationStreams(files) throws too', () => {
    const source = shipped();
    source.streams.target[0].afterMs = -5;
    const file = write(JSON.stringify(source));
    const error = fileError(() => loadOperationStreams([file]));
    expect(error.problems.map((p) => p.path)).toEqual(['$.streams.target[0].afterMs']);
  });
});
