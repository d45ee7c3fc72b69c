import { Outbox, REORDER_WAIT_MS, type OutgoingNotification } from '../../../src/faults/outbox';
import { ManualClock } from '../../../src/scenario/clock';

const TOPIC = '/v2/me/facebooksession';

const item = (notification: string, extra: Partial<OutgoingNotification> = {}): OutgoingNotification => ({
  notification,
  dueAt: 0,
  options: { topic: TOPIC },
  delayMs: 0,
  reorder: false,
  ...extra,
});

describe('Outbox: what notification faults hold back, per agent', () => {
  let clock: ManualClock;
  let sent: string[];
  let outbox: Outbox;
  beforeEach(() => {
    clock = new ManualClock(0);
    sent = [];
    outbox = new Outbox(clock, (userId, notification, dueAt) => {
      sent.push(`${userId}:${String(notification)}@${dueAt}`);
      return undefined;
    });
  });

  it('sends at once when nothing is held back', () => {
    outbox.enqueue('u', item('a'));
    expect(sent).toEqual(['u:a@0']);
    expect(outbox.pending).toBe(0);
  });

  it('a delayed notification holds the later ones of the same agent behind it, not other agents', () => {
    outbox.enqueue('u', item('a', { delayMs: 100 }));
    outbox.enqueue('u', item('b'));
    outbox.enqueue('v', item('c'));
    expect(sent).toEqual(['v:c@0']);
    expect(outbox.pending).toBe(2);
    clock.advance(99);
    expect(sent).toEqual(['v:c@0']);
    clock.advance(1);
    expect(sent).toEqual(['v:c@0', 'u:a@100', 'u:b@0']);
    expect(outbox.pending).toBe(0);
  });

  it('a reordered notification goes right after the next one', () => {
    outbox.enqueue('u', item('a', { reorder: true }));
    expect(sent).toEqual([]);
    outbox.enqueue('u', item('b'));
    outbox.enqueue('u', item('c'));
    expect(sent).toEqual(['u:b@0', 'u:a@0', 'u:c@0']);
  });

  it('a reordered notification with no next one goes alone after the wait, and says so', () => {
    const alone = jest.fn();
    outbox.enqueue('u', item('a', { reorder: true, onAlone: alone }));
    clock.advance(REORDER_WAIT_MS - 1);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toEqual(['u:a@0']);
    expect(alone).toHaveBeenCalledTimes(1);
  });

  it('hands the options (the topic) on with each notification, sent at once or held back', () => {
    const options: string[] = [];
    const recording = new Outbox(clock, (userId, notification, _dueAt, given) => {
      options.push(`${userId}:${String(notification)}:${given.topic}`);
      return undefined;
    });
    recording.enqueue('u', item('a', { options: { topic: '/v2/me/chats' } }));
    recording.enqueue('u', item('b', { delayMs: 10 }));
    recording.enqueue('u', item('c', { reorder: true }));
    recording.enqueue('u', item('d', { options: { topic: '/v2/me/chats', copies: 2 } }));
    clock.advance(10);
    expect(options).toEqual(['u:a:/v2/me/chats', `u:b:${TOPIC}`, 'u:d:/v2/me/chats', `u:c:${TOPIC}`]);
  });

  it('clear() cancels what is held back', () => {
    outbox.enqueue('u', item('a', { delayMs: 100 }));
    outbox.enqueue('v', item('b', { reorder: true }));
    outbox.clear();
    clock.advance(REORDER_WAIT_MS);
    expect(sent).toEqual([]);
    expect(outbox.pending).toBe(0);
  });
});
