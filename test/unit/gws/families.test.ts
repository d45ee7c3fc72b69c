import { loadFixture } from '../../../src/gws/fixture';
import { CHANNELS, GWS_TOPICS, FAMILIES } from '../../../src/gws/families';
import { GwsModel } from '../../../src/gws/model';
import { parametersOf } from '../../../src/gws/operations/describe';
import {
  agentOperations,
  agentStateOperations,
  capabilitiesOf,
  customerOperations,
  operationNamed,
  operationNames,
  REGISTRY,
  restOperationNames,
  targetOf,
} from '../../../src/gws/operations/registry';
import { sessionWire } from '../../../src/gws/wire';
import { AGENT1_ID, SESSION_ID } from '../../helpers/default-fixture';
import { ALONE_ALL, CONFERENCE_ALL } from './capabilities';

const CHAT_ID = '0000Na9B26EF002X';

describe('the interaction families: Facebook sessions, chats and calls', () => {
  it('differ in data: collection, resource, topic, the channel that routes them, where their streams are', () => {
    expect(FAMILIES.map((m) => [m.name, m.collection, m.resource, m.topic, m.channel, m.streamDir])).toEqual([
      ['facebook', 'facebooksessions', 'facebooksession', '/v2/me/facebooksession', undefined, ''],
      ['chat', 'chats', 'chat', '/v2/me/chats', 'chat', 'chat'],
      ['voice', 'calls', 'call', '/v2/me/calls', 'voice', 'voice'],
    ]);
    expect(CHANNELS).toEqual(['chat', 'voice']);
    expect(GWS_TOPICS).toEqual(['/v2/me/facebooksession', '/v2/me/chats', '/v2/me/calls', '/v2/me/devices', '/v2/me/channels', '/v2/me/emails', '/v2/me/smssessions']);
  });

  it('share one definition per operation: the chat value of each is the Facebook one on another medium', () => {
    for (const facebook of [...agentOperations('facebook'), ...customerOperations('facebook')]) {
      const chat = operationNamed(facebook.name, 'chat')!;
      expect([chat.media, chat.name, chat.perform]).toEqual(['chat', facebook.name, facebook.perform]);
    }
    expect(operationNames('chat')).toEqual([...operationNames('facebook'), 'SendCustomNotice', 'CancelConsult', 'SendCustomNoticeToAgents', 'SendStartTypingToAgentsNotification', 'SendStopTypingToAgentsNotification', 'SendNicknameUpdatedNotice']);
    expect(operationNamed('SendCustomNotice', 'facebook')).toBeUndefined();
    expect(operationNamed('CancelConsult', 'facebook')).toBeUndefined();
  });

  it("an offer names its agent on Facebook (nothing routes there) and may leave it out on a chat", () => {
    const offerTo = (media: 'facebook' | 'chat') => parametersOf(operationNamed('Offer', media)!).find((p) => p.name === 'offerTo');
    expect(offerTo('facebook')).toEqual({ name: 'offerTo', type: 'string', optional: false });
    expect(offerTo('chat')).toEqual({ name: 'offerTo', type: 'string', optional: true });
  });

  it("gives each medium its capabilities, in the registry's order", () => {
    const model = new GwsModel(loadFixture());
    expect(capabilitiesOf(model, model.session(SESSION_ID), AGENT1_ID)).toEqual(CONFERENCE_ALL);
    expect(capabilitiesOf(model, model.session(CHAT_ID), AGENT1_ID)).toEqual([...ALONE_ALL, 'SendCustomNotice', 'SendCustomNoticeToAgents', 'SendStartTypingToAgentsNotification', 'SendStopTypingToAgentsNotification', 'SendNicknameUpdatedNotice']);
  });

  it('write each resource with its own fields, in the order of their samples', () => {
    const model = new GwsModel(loadFixture());
    const base = 'http://sim.test';
    expect(Object.keys(sessionWire(model.session(SESSION_ID), base))).toEqual([
      'userData',
      'receivedDate',
      'facebooksessionType',
      'suggestedQueueUris',
      'capabilities',
      'uri',
      'state',
      'revelantResponseTemplateGroups',
      'participants',
      'id',
    ]);
    const chat = sessionWire(model.session(CHAT_ID), base);
    expect(Object.keys(chat)).toEqual(['state', 'capabilities', 'id', 'uri', 'participants', 'userData', 'receivedDate']);
    expect(chat.uri).toBe(`${base}/api/v2/chats/${CHAT_ID}`);
  });

  it("keep each medium's sessions apart: lists, lookups and refusals", () => {
    const model = new GwsModel(loadFixture());
    expect(model.allSessions('chat').map((s) => s.id)).toEqual([CHAT_ID]);
    expect(model.sessionsOf(AGENT1_ID, 'chat').map((s) => s.id)).toEqual([CHAT_ID]);
    expect(model.session(CHAT_ID).media).toBe('chat');
    expect(() => model.session(CHAT_ID, 'facebook')).toThrow(`No facebooksession ${CHAT_ID}.`);
    expect(() => model.session(SESSION_ID, 'chat')).toThrow(`No chat ${SESSION_ID}.`);
  });
});

describe("the operations on the agent itself", () => {
  it('are registered once, of no medium, and found whatever the medium asked', () => {
    const names = ['StartContactCenterSession', 'EndContactCenterSession', 'Ready', 'NotReady'];
    expect(agentStateOperations().map((o) => [o.name, o.target, o.media])).toEqual([
      ['StartContactCenterSession', 'me', undefined],
      ['EndContactCenterSession', 'me', undefined],
      ['Ready', 'channel', undefined],
      ['NotReady', 'channel', undefined],
      ['DoNotDisturbOn', 'device', undefined],
      ['DoNotDisturbOff', 'device', undefined],
    ]);
    for (const name of names) expect(operationNamed(name, 'chat')).toBe(operationNamed(name, 'facebook'));
    expect(names.map(targetOf)).toEqual(['me', 'me', 'channel', 'channel']);
    expect(targetOf('Accept')).toBe('session');
    expect(REGISTRY.filter((o) => names.includes(o.name))).toHaveLength(4);
  });

  it('are among the operations an agent may POST, after those on sessions; the customer\'s are not', () => {
    const agentState = ['StartContactCenterSession', 'EndContactCenterSession', 'Ready', 'NotReady', 'DoNotDisturbOn', 'DoNotDisturbOff'];
    // Dial (a call made from the device) comes first of the voice ones; names both families share, once.
    expect(restOperationNames()).toEqual([...new Set([...operationNames('chat'), 'Dial', ...operationNames('voice'), ...agentState])]);
    expect(restOperationNames()).not.toContain('Offer');
  });
});
