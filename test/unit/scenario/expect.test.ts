import { compare, formatVerdict, kindOf, mismatches, parsePath } from '../../../src/scenario/expect';

const notice = { notificationType: 'NewMessages', messageType: 'MessageLogUpdated', messages: [{ type: 'Notice', text: 'hi', from: { nickname: 'TestName' } }] };
const leftChat = { notificationType: 'StatusChange', facebooksession: { state: 'LeftChat', participants: [{ nickname: 'A' }, { nickname: 'B' }] } };

describe('kindOf', () => {
  it.each([
    [notice, 'Notice'],
    [{ notificationType: 'NewMessages', messages: [{ type: 'Text' }, { type: 'ParticipantLeft' }] }, 'Text+ParticipantLeft'],
    [leftChat, 'StatusChange'],
    [{ messageType: 'Other' }, 'Other'],
    [null, '(no notificationType)'],
  ])('%j is a %s', (notification, kind) => expect(kindOf(notification)).toBe(kind));
});

describe('parsePath', () => {
  it('reads keys and indexes', () => expect(parsePath('messages[0].from.nickname')).toEqual(['messages', 0, 'from', 'nickname']));
  it('reads nested indexes', () => expect(parsePath('a[1][2]')).toEqual(['a', 1, 2]));
  it.each(['messages[x]', 'a..b', '', 'a[0'])('refuses %j, showing how to write one', (path) => expect(() => parsePath(path)).toThrow('write it like messages[0].type'));
});

describe('mismatches', () => {
  it('a kind alone', () => {
    expect(mismatches('Notice', notice)).toEqual([]);
    expect(mismatches('StatusChange', notice)).toEqual(['kind: expected StatusChange, received Notice']);
  });

  it('fields by path, with the value received', () => {
    expect(mismatches({ kind: 'StatusChange', match: { 'facebooksession.state': 'LeftChat' } }, leftChat)).toEqual([]);
    expect(mismatches({ match: { 'facebooksession.state': 'Completed' } }, leftChat)).toEqual(['facebooksession.state: expected "Completed", received "LeftChat"']);
  });

  it('a missing field says so rather than "undefined"', () => {
    expect(mismatches({ match: { 'messages[1].type': 'Notice' } }, notice)).toEqual(['messages[1].type: expected "Notice", received nothing (no such field)']);
  });

  it('objects match partially, arrays by length and element', () => {
    expect(mismatches({ match: { 'messages[0]': { type: 'Notice' } } }, notice)).toEqual([]);
    expect(mismatches({ match: { 'facebooksession.participants': [{ nickname: 'A' }, { nickname: 'B' }] } }, leftChat)).toEqual([]);
    expect(mismatches({ match: { 'facebooksession.participants': [{ nickname: 'A' }] } }, leftChat)).toHaveLength(1);
    expect(mismatches({ match: { 'messages[0]': { type: 'Notice', extra: 1 } } }, notice)).toHaveLength(1);
  });

  it("reads an array's length, and no inherited property", () => {
    expect(mismatches({ match: { 'messages.length': 1 } }, notice)).toEqual([]);
    expect(mismatches({ match: { constructor: {} } }, {})).toEqual(['constructor: expected {}, received nothing (no such field)']);
    expect(mismatches({ match: { 'a.toString': {} } }, { a: {} })).toHaveLength(1);
  });
});

describe('compare', () => {
  it('passes exactly the expected list', () => {
    expect(compare('agent1', ['Notice', 'StatusChange'], [notice, leftChat])).toMatchObject({ ok: true, problems: [] });
  });

  it('names each missing, extra or wrong notification by its position', () => {
    const verdict = compare('agent2', ['StatusChange', { kind: 'Notice', match: { 'messages[0].text': 'bye' } }, 'StatusChange'], [leftChat, notice]);
    expect(verdict).toMatchObject({ ok: false, expected: ['StatusChange', 'Notice', 'StatusChange'], received: ['StatusChange', 'Notice'] });
    expect(verdict.problems).toEqual(['#2: messages[0].text: expected "bye", received "hi"', '#3: expected StatusChange, received nothing']);
    expect(compare('agent3', [], [notice]).problems).toEqual(['#1: expected nothing more, received Notice']);
  });

  it('formats a verdict with both lists', () => {
    expect(formatVerdict(compare('agent3', ['Notice'], []))).toBe('agent3:\n  #1: expected Notice, received nothing\n  expected: Notice\n  received: (nothing)');
  });
});
