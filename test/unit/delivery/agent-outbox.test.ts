import { AgentOutbox, HELD_PER_AGENT, REORDER_WAIT_MS, type Outgoing, type Sink } from '../../../src/delivery/agent-outbox';
import { Outboxes } from '../../../src/delivery/outboxes';
import { ManualClock } from '../../../src/scenario/clock';

const TOPIC = '/v2/me/facebooksession';
const item = (notification: string, topic = TOPIC): Outgoing => ({ notification, dueAt: 0, topic, copies: 1, faults: [], readyAt: 0, held: false });

describe("AgentOutbox: one agent's outgoing notifications, in order", () => {
  let clock: ManualClock;
  let sent: string[];
  let subscribed: boolean;
  let log: string[];
  let outbox: (userId: string) => AgentOutbox;
  beforeEach(() => {
    clock = new ManualClock(0);
    sent = [];
    subscribed = true;
    log = [];
    const sink: Sink = {
      hasSubscriber: () => subscribed,
      send: (userId, data, stamp, topic) => {
        sent.push(`${userId}:${String(data)}#${stamp.seq}@${stamp.dueAt}${stamp.held ? ' held' : ''}${topic === TOPIC ? '' : ` ${topic}`}`);
        return [{ clientId: 'c', channels: [topic] }];
      },
    };
    const outboxes = new Map<string, AgentOutbox>();
    outbox = (userId) => outboxes.get(userId) ?? outboxes.set(userId, new AgentOutbox(userId, { clock, sink, log: (line) => log.push(line) })).get(userId)!;
  });

  it('sends at once, numbered, when nothing waits', () => {
    outbox('u').enqueue(item('a'));
    outbox('u').enqueue(item('b', '/v2/me/chats'));
    expect(sent).toEqual(['u:a#1@0', 'u:b#2@0 /v2/me/chats']);
  });

  it('a delayed notification holds the later ones of the same agent behind it, not other agents', () => {
    outbox('u').enqueue(item('a'), 100);
    outbox('u').enqueue(item('b'));
    outbox('v').enqueue(item('c'));
    expect(sent).toEqual(['v:c#1@0']);
    clock.advance(99);
    expect(sent).toEqual(['v:c#1@0']);
    clock.advance(1);
    expect(sent).toEqual(['v:c#1@0', 'u:a#1@100', 'u:b#2@0']);
  });

  it('a reordered notification goes right after the next one, or alone after the wait', () => {
    outbox('u').enqueue(item('a'), 0, true);
    outbox('u').enqueue(item('b'));
    outbox('u').enqueue(item('c'));
    expect(sent).toEqual(['u:b#1@0', 'u:a#2@0', 'u:c#3@0']);
    const alone = jest.fn();
    outbox('v').enqueue(item('d'), 0, true, alone);
    clock.advance(REORDER_WAIT_MS - 1);
    expect(alone).not.toHaveBeenCalled();
    clock.advance(1);
    expect(sent.at(-1)).toBe('v:d#1@0');
    expect(alone).toHaveBeenCalledTimes(1);
  });

  it('with no subscriber, holds them in order (a delayed one too, once due) and sends them, marked held, when pumped', () => {
    subscribed = false;
    outbox('u').enqueue(item('a'));
    outbox('u').enqueue(item('b'), 50);
    clock.advance(50);
    expect(sent).toEqual([]);
    expect(outbox('u').heldNow).toBe(2);
    subscribed = true;
    outbox('u').enqueue(item('c'));
    expect(sent).toEqual(['u:a#1@0 held', 'u:b#2@50 held', 'u:c#3@0']);
  });

  it(`keeps at most ${HELD_PER_AGENT} held, dropping the oldest and saying so`, () => {
    subscribed = false;
    for (let n = 0; n < HELD_PER_AGENT + 2; n++) outbox('u').enqueue(item(`n${n}`));
    expect(outbox('u').heldNow).toBe(HELD_PER_AGENT);
    expect(outbox('u').dropped).toBe(2);
    expect(log).toHaveLength(2);
    subscribed = true;
    outbox('u').pump();
    expect(sent[0]).toBe('u:n2#1@0 held');
  });

  it('a hold keeps them back until each of its reasons is released', () => {
    outbox('u').hold('cut');
    outbox('u').hold('after');
    outbox('u').enqueue(item('a'));
    outbox('u').release('cut');
    expect(sent).toEqual([]);
    outbox('u').release('after');
    expect(sent).toEqual(['u:a#1@0 held']);
  });

  it('clear() cancels what waits, and sequence numbers keep counting', () => {
    outbox('u').enqueue(item('a'));
    outbox('u').enqueue(item('b'), 100);
    outbox('u').enqueue(item('c'), 0, true);
    outbox('u').clear();
    clock.advance(REORDER_WAIT_MS);
    outbox('u').enqueue(item('d'));
    expect(sent).toEqual(['u:a#1@0', 'u:d#2@0']);
  });
});

describe('Outboxes', () => {
  it('applies the rules in use to each notification, and none once taken out', () => {
    const sent: string[] = [];
    const outboxes = new Outboxes({ clock: new ManualClock(0), log: () => {}, sink: { hasSubscriber: () => true, send: (_u, d, stamp, _t, copies) => (sent.push(`${String(d)}x${copies}:${stamp.faults ?? ''}`), []) } });
    const stop = outboxes.use({
      shape: (_userId, notification, shaping) => {
        if (notification === 'drop') shaping.drop = true;
        shaping.copies++;
        shaping.faults.push('duplicate');
      },
    });
    outboxes.publish('u', 'a', 0, TOPIC);
    outboxes.publish('u', 'drop', 0, TOPIC);
    stop();
    outboxes.publish('u', 'b', 0, TOPIC);
    expect(sent).toEqual(['ax2:duplicate', 'bx1:']);
    expect(outboxes.state()).toEqual([{ userId: 'u', sent: 2, held: 0, heldNotifications: [], dropped: 0 }]);
  });
});
