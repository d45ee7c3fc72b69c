import { ManualClock, type Clock } from '../../../src/scenario/clock';
import { StreamPlayer, type Publisher, type TimedStep } from '../../../src/scenario/player';

type Sent = [userId: string, notification: unknown, at: number];

const TOPIC = '/v2/me/facebooksession';

/** A player on a ManualClock starting at `start`, with a publisher recording what it sends and when. */
function setup(timeScale = 1, start = 1000) {
  const clock = new ManualClock(start);
  const sent: Sent[] = [];
  const errors: [string, string][] = [];
  const publisher: Publisher = { publish: (userId, notification) => sent.push([userId, notification, clock.now()]) };
  const player = new StreamPlayer({
    clock,
    publisher,
    timeScale,
    onError: (error, userId) => errors.push([userId, error.message]),
  });
  return { clock, sent, errors, player };
}

/** Steps whose notification names the step and the time it was rendered at. */
function steps(...delays: number[]): TimedStep[] {
  return delays.map((afterMs, i) => ({ afterMs, render: (emittedAt: number) => ({ step: i, emittedAt }) }));
}

const names = (sent: Sent[]) => sent.map(([userId, n]) => `${userId}:${(n as { step: number }).step}`);
const times = (sent: Sent[]) => sent.map(([, , at]) => at);

describe('StreamPlayer', () => {
  it('sends each step at start + cumulative afterMs, in order', () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(40, 120, 150), TOPIC);
    clock.advance(1000);
    expect(names(sent)).toEqual(['u1:0', 'u1:1', 'u1:2']);
    expect(times(sent)).toEqual([1040, 1160, 1310]);
  });

  it('renders each step at its emission time', () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(40, 120), TOPIC);
    clock.advance(1000);
    expect(sent.map(([, n]) => n)).toEqual([
      { step: 0, emittedAt: 1040 },
      { step: 1, emittedAt: 1160 },
    ]);
  });

  it('sends nothing before its time', () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(40, 120, 150), TOPIC);
    expect(sent).toEqual([]);
    clock.advance(39);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(times(sent)).toEqual([1040]);
    clock.advance(119);
    expect(times(sent)).toEqual([1040]);
    clock.advance(1);
    expect(times(sent)).toEqual([1040, 1160]);
    clock.advance(149);
    expect(sent).toHaveLength(2);
    expect(player.pending).toBe(1);
    clock.advance(1);
    expect(times(sent)).toEqual([1040, 1160, 1310]);
    expect(player.pending).toBe(0);
  });

  it('sends a step with afterMs 0 together with the previous one, in order', () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(0, 50, 0, 0), TOPIC);
    expect(names(sent)).toEqual(['u1:0']);
    clock.advance(50);
    expect(names(sent)).toEqual(['u1:0', 'u1:1', 'u1:2', 'u1:3']);
    expect(times(sent)).toEqual([1000, 1050, 1050, 1050]);
  });

  it('with timeScale 0 sends everything at once, in order, during play()', () => {
    const { clock, sent, player } = setup(0);
    player.play('u1', steps(40, 120, 150, 3_600_000), TOPIC);
    expect(names(sent)).toEqual(['u1:0', 'u1:1', 'u1:2', 'u1:3']);
    expect(times(sent)).toEqual([1000, 1000, 1000, 1000]);
    expect(player.pending).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('with timeScale 0.5 halves the delays', () => {
    const { clock, sent, player } = setup(0.5);
    player.play('u1', steps(40, 120, 150), TOPIC);
    clock.advance(19);
    expect(sent).toEqual([]);
    clock.advance(1000);
    expect(times(sent)).toEqual([1020, 1080, 1155]);
  });

  it('with timeScale 2 doubles the delays', () => {
    const { clock, sent, player } = setup(2);
    player.play('u1', steps(40, 120), TOPIC);
    clock.advance(79);
    expect(sent).toEqual([]);
    clock.advance(1000);
    expect(times(sent)).toEqual([1080, 1320]);
  });

  it('does not let lateness accumulate along a stream', () => {
    // A clock whose timers always fire 25 ms late: each step is still aimed at its own due time.
    const manual = new ManualClock(1000);
    const late: Clock = { now: () => manual.now(), schedule: (delayMs, task) => manual.schedule(delayMs + 25, task) };
    const sent: number[] = [];
    const player = new StreamPlayer({ clock: late, timeScale: 1, publisher: { publish: () => sent.push(manual.now()) } });
    player.play('u1', steps(40, 120, 150), TOPIC);
    manual.advance(1000);
    expect(sent).toEqual([1065, 1185, 1335]);
  });

  it('counts streams still playing in pending', () => {
    const { clock, player } = setup();
    player.play('u1', steps(10), TOPIC);
    player.play('u2', steps(10, 10), TOPIC);
    expect(player.pending).toBe(2);
    clock.advance(10);
    expect(player.pending).toBe(1);
    clock.advance(10);
    expect(player.pending).toBe(0);
  });

  it('an empty stream sends nothing and is not pending', () => {
    const { clock, sent, player } = setup();
    player.play('u1', [], TOPIC);
    expect(player.pending).toBe(0);
    expect(clock.pending).toBe(0);
    clock.advance(1000);
    expect(sent).toEqual([]);
  });

  it('cancelAll() stops every pending stream', () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(40, 120, 150), TOPIC);
    player.play('u2', steps(60, 150), TOPIC);
    clock.advance(100);
    expect(names(sent)).toEqual(['u1:0', 'u2:0']);
    expect(player.pending).toBe(2);
    player.cancelAll();
    expect(player.pending).toBe(0);
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(names(sent)).toEqual(['u1:0', 'u2:0']);
  });

  it('a cancelAll() from inside a publish stops the stream at once', () => {
    const clock = new ManualClock(0);
    const sent: unknown[] = [];
    const player: StreamPlayer = new StreamPlayer({
      clock,
      timeScale: 1,
      publisher: {
        publish: (_userId, notification) => {
          sent.push(notification);
          player.cancelAll();
        },
      },
    });
    player.play('u1', steps(0, 0, 10, 10), TOPIC);
    expect(sent).toHaveLength(1);
    expect(player.pending).toBe(0);
    expect(clock.pending).toBe(0);
    clock.advance(100);
    expect(sent).toHaveLength(1);
  });

  it('plays new streams after cancelAll()', () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(40), TOPIC);
    player.cancelAll();
    player.play('u1', steps(10), TOPIC);
    clock.advance(100);
    expect(times(sent)).toEqual([1010]);
  });

  it('reports a render that throws to onError and goes on with the next step', () => {
    const { clock, sent, errors, player } = setup();
    const failing: TimedStep = {
      afterMs: 20,
      render: () => {
        throw new Error('render failed');
      },
    };
    const [first, second] = steps(10, 30);
    player.play('u1', [first, failing, second], TOPIC);
    clock.advance(1000);
    expect(errors).toEqual([['u1', 'render failed']]);
    expect(names(sent)).toEqual(['u1:0', 'u1:1']);
    expect(times(sent)).toEqual([1010, 1060]);
    expect(player.pending).toBe(0);
  });

  it('reports a publisher that throws to onError and goes on', () => {
    const clock = new ManualClock();
    const errors: string[] = [];
    const delivered: number[] = [];
    const player = new StreamPlayer({
      clock,
      timeScale: 1,
      publisher: {
        publish: (_userId, notification) => {
          const { step } = notification as { step: number };
          if (step === 0) throw new Error('no subscriber');
          delivered.push(step);
        },
      },
      onError: (error) => errors.push(error.message),
    });
    player.play('u1', steps(10, 10), TOPIC);
    clock.advance(100);
    expect(errors).toEqual(['no subscriber']);
    expect(delivered).toEqual([1]);
  });

  it('hands the publisher each step with its topic and the time it was due', () => {
    const manual = new ManualClock(1000);
    const late: Clock = { now: () => manual.now(), schedule: (delayMs, task) => manual.schedule(delayMs + 25, task) };
    const published: [string, number, string, number][] = [];
    const player = new StreamPlayer({
      clock: late,
      timeScale: 1,
      publisher: { publish: (userId, _n, dueAt, topic) => published.push([userId, dueAt, topic, manual.now()]) },
    });
    player.play('u1', steps(40, 120), '/v2/me/chats');
    manual.advance(1000);
    expect(published).toEqual([
      ['u1', 1040, '/v2/me/chats', 1065],
      ['u1', 1160, '/v2/me/chats', 1185],
    ]);
  });

  it("starts an agent's next stream no earlier than the last step of its previous one", () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(100, 100), TOPIC);
    player.play('u1', steps(10, 10), TOPIC);
    // Another agent's stream does not wait for u1's.
    player.play('u2', steps(10), TOPIC);
    clock.advance(1000);
    expect(sent.map(([userId, n, at]) => `${userId}:${(n as { step: number }).step}@${at - 1000}`)).toEqual([
      'u2:0@10',
      'u1:0@100',
      'u1:1@200',
      'u1:0@210',
      'u1:1@220',
    ]);
  });

  it('a stream played after the previous one ended starts at once', () => {
    const { clock, sent, player } = setup();
    player.play('u1', steps(10), TOPIC);
    clock.advance(500);
    player.play('u1', steps(10), TOPIC);
    clock.advance(1000);
    expect(times(sent)).toEqual([1010, 1510]);
  });

  it('interleaves two users’ streams by time', () => {
    const { clock, sent, player } = setup();
    player.play('caller', steps(40, 120, 150), TOPIC);
    player.play('target', steps(60, 150, 100, 150), TOPIC);
    clock.advance(1000);
    expect(sent.map(([userId, , at]) => `${userId}@${at - 1000}`)).toEqual([
      'caller@40',
      'target@60',
      'caller@160',
      'target@210',
      'caller@310',
      'target@310',
      'target@460',
    ]);
  });
});
