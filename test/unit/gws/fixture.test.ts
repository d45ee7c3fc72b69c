import { tempFolder, thrown } from '../../helpers/files';
import fs from 'node:fs';
import path from 'node:path';
import { FixtureSchema, loadFixture, type Fixture } from '../../../src/gws/fixture';
import { FileError, type Problem } from '../../../src/validation';

const SEED_FILE = path.join(__dirname, '..', '..', 'fixtures', 'seed-notifications.json');

describe('the embedded fixture', () => {
  const fixture = loadFixture();
  const session = fixture.facebooksessions[0];
  const userNamed = (name: string) => fixture.users.find((u) => u.userName === name)!;
  const agentFor = (userId: string) => session.participants.find((p) => p.type === 'Agent' && p.userId === userId);

  it('passes its own schema', () => {
    expect(FixtureSchema.safeParse(fixture).success).toBe(true);
  });

  it('has agent1, visible to All', () => {
    expect(userNamed('agent1')).toMatchObject({ id: '5e101708f14442c7ab79814bb4f799b2', userName: 'agent1', password: 'agent1' });
    expect(agentFor('5e101708f14442c7ab79814bb4f799b2')).toEqual({
      type: 'Agent',
      participantId: '007356278F310173',
      userId: '5e101708f14442c7ab79814bb4f799b2',
      nickname: 'TestName',
      visibility: 'All',
    });
  });

  it('has agent2, visible to Agents', () => {
    expect(userNamed('agent2')).toMatchObject({ id: 'e2c90c960d3d40c79684818983ceb314', userName: 'agent2', password: 'agent2' });
    expect(agentFor('e2c90c960d3d40c79684818983ceb314')).toMatchObject({ visibility: 'Agents' });
  });

  it('has agent3 in no session', () => {
    const agent3 = userNamed('agent3');
    expect(agent3).toMatchObject({ userName: 'agent3', password: 'agent3' });
    for (const s of fixture.facebooksessions) expect(s.participants.some((p) => p.type === 'Agent' && p.userId === agent3.id)).toBe(false);
  });

  it('has session 0002EaAY01MT0082, Chatting with customer VitaliyOnv, 5 messages', () => {
    expect(fixture.facebooksessions).toHaveLength(1);
    expect(session.id).toBe('0002EaAY01MT0082');
    expect(session.state).toBe('Chatting');
    expect(session.participants.filter((p) => p.type === 'Customer')).toEqual([
      { type: 'Customer', participantId: '007356278F230171', nickname: 'VitaliyOnv', visibility: 'All' },
    ]);
    expect(session.messages).toHaveLength(4);
  });

  it('carries the userData of the documentation page', () => {
    const seed = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8'));
    const documented = seed['Agent1 Second Notification'].facebooksession.userData;
    expect(Object.keys(documented).length).toBeGreaterThan(10);
    expect(session.userData).toEqual(documented);
  });

  it('is loaded afresh each time', () => {
    const first = loadFixture();
    first.users.pop();
    expect(loadFixture().users).toHaveLength(3);
  });
});

describe('loadFixture on a file', () => {
  const { write } = tempFolder('gws-sim-fixture-');

  /** Writes the default fixture changed by `edit` and returns the FileError loading it gives. */
  function problemsOf(edit: (fixture: Fixture & Record<string, unknown>) => void): { file: string; error: FileError } {
    const fixture = structuredClone(loadFixture()) as Fixture & Record<string, unknown>;
    edit(fixture);
    const file = write(JSON.stringify(fixture, null, 2));
    return { file, error: fileError(() => loadFixture(file)) };
  }

  const fileError = (call: () => unknown) => thrown(FileError, call);

  function expectProblem(error: FileError, file: string, problem: Problem | { path: string; message: RegExp }) {
    expect(error.file).toBe(file);
    expect(error.message.startsWith(`${file}:\n`)).toBe(true);
    const message = problem.message instanceof RegExp ? expect.stringMatching(problem.message) : problem.message;
    if (problem.path === '$') {
      expect(error.problems).toContainEqual(expect.objectContaining({ path: '$', message }));
    } else {
      // A problem inside a file also names its line.
      expect(error.problems).toContainEqual({ path: problem.path, line: expect.any(Number), message });
      expect(error.message).toContain(`  ${problem.path} (line `);
    }
  }

  it('loads a valid file', () => {
    const file = write(JSON.stringify(loadFixture()));
    expect(loadFixture(file)).toEqual(loadFixture());
  });

  it('refuses an unknown key', () => {
    const { file, error } = problemsOf((f) => {
      (f.users[0] as Record<string, unknown>).nick = 'x';
    });
    expectProblem(error, file, { path: '$.users[0]', message: /nick/ });
  });

  it('refuses an unknown top-level key', () => {
    const { file, error } = problemsOf((f) => {
      f.sessions = [];
    });
    expectProblem(error, file, { path: '$', message: /sessions/ });
  });

  it('refuses a duplicate userName', () => {
    const { file, error } = problemsOf((f) => {
      f.users[2].userName = 'agent1';
    });
    expectProblem(error, file, { path: '$.users[2].userName', message: "duplicate userName 'agent1'" });
  });

  it('refuses an Agent participant whose userId is no user', () => {
    const { file, error } = problemsOf((f) => {
      const agent = f.facebooksessions[0].participants[2];
      if (agent.type !== 'Agent') throw new Error('participant 2 should be an agent');
      agent.userId = 'ghost';
    });
    expectProblem(error, file, { path: '$.facebooksessions[0].participants[2].userId', message: /'ghost'/ });
  });

  it('refuses a message from someone not in the session', () => {
    const { file, error } = problemsOf((f) => {
      f.facebooksessions[0].messages[3].from = 'STRANGER';
    });
    expectProblem(error, file, { path: '$.facebooksessions[0].messages[3].from', message: /'STRANGER'/ });
    expect(error.problems).toHaveLength(1);
  });

  it('refuses an id that cannot go in a channel name', () => {
    const { file, error } = problemsOf((f) => {
      f.facebooksessions[0].id = 'a/b';
    });
    expectProblem(error, file, { path: '$.facebooksessions[0].id', message: /letters, digits/ });
  });

  it('reports every problem, not just the first', () => {
    const { error } = problemsOf((f) => {
      f.users[0].id = 'a/b';
      f.facebooksessions[0].id = 'c d';
    });
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.users[0].id', '$.facebooksessions[0].id']));
  });

  it('refuses a file that is not JSON, naming the line and column', () => {
    const file = write('{\n  "users": [],\n}\n');
    const error = fileError(() => loadFixture(file));
    expectProblem(error, file, { path: '$', message: /^not valid JSON: .* at line 3, column 1$/ });
  });

  it('refuses a file that does not exist', () => {
    const file = path.join(path.dirname(write('{}')), 'missing.json');
    const error = fileError(() => loadFixture(file));
    expectProblem(error, file, { path: '$', message: /cannot read the file/ });
  });
});

describe('loadFixture on JSON that Node reports without a position', () => {
  const { write } = tempFolder('gws-sim-fixture-json-');

  it.each([
    ['a missing value', '{\n  "users": [],\n  "x": }', /^not valid JSON: value expected at line 3, column 8$/],
    ['plain text', 'not json', /^not valid JSON: .* at line 1, column 1$/],
    ['an empty file', '', /^not valid JSON: .* at line 1, column 1$/],
  ])('%s: names the line and column', (_name, text, message) => {
    const file = write(text);
    expect(thrown(FileError, () => loadFixture(file)).problems).toEqual([{ path: '$', message: expect.stringMatching(message) }]);
  });

  it('refuses a user listed twice as an agent of one session', () => {
    const fixture = JSON.parse(JSON.stringify(loadFixture()));
    const agent2 = fixture.facebooksessions[0].participants[2];
    fixture.facebooksessions[0].participants.push({ ...agent2, participantId: 'DUP' });
    const file = write(JSON.stringify(fixture, null, 2));
    expect(() => loadFixture(file)).toThrow(/\$\.facebooksessions\[0\]\.participants\[3\]\.userId \(line \d+\): duplicate agent userId/);
  });
});
