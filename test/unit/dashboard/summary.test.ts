import { keyFields } from '../../../src/dashboard/page/summary';
import { catalog } from '../../../src/dashboard/catalog';

/** The timeline's key fields of a notification: what a line says of a message, a session, a call, a phone. */
const media = catalog().media;

describe("a notification's key fields on the timeline", () => {
  test("a call: its state, callType, the parties' numbers, what the agent may do", () => {
    const data = {
      notificationType: 'StatusChange',
      messageType: 'CallStateChangeMessage',
      call: { id: 'c1', state: 'Established', callType: 'Inbound', participants: [{ phoneNumber: '+14155550100', digits: '14155550100' }], capabilities: ['Hold', 'Hangup'] },
    };
    expect(keyFields({ data }, media)).toBe('state Established · Inbound · participants +14155550100 · may Hold, Hangup');
  });

  test('a consultation call names the agent\'s call it consults from (its parentCallPath)', () => {
    const data = {
      notificationType: 'StatusChange',
      call: { id: 'c2', state: 'Dialing', callType: 'Consult', participants: [{ phoneNumber: '7002' }], capabilities: [], parentCallUri: 'http://127.0.0.1:8090/api/v2/me/calls/c1', parentCallPath: '/calls/c1' },
    };
    expect(keyFields({ data }, media)).toBe('state Dialing · Consult · consultation of call c1 · participants 7002');
  });

  test("a phone: its DN, its voice state with the work mode, do-not-disturb", () => {
    const device = (userState: Record<string, string>, doNotDisturb: string) => ({ messageType: 'DeviceStateChangeMessage', devices: [{ id: 'd1', phoneNumber: '7001', userState, doNotDisturb }] });
    expect(keyFields({ data: device({ state: 'NotReady', displayName: 'AfterCallWork', workMode: 'AfterCallWork' }, 'Off') }, media)).toBe('device 7001 · NotReady (AfterCallWork) · do-not-disturb Off');
    expect(keyFields({ data: device({ state: 'Ready', displayName: 'Ready' }, 'On') }, media)).toBe('device 7001 · Ready · do-not-disturb On');
  });

  test('a session keeps its participants by nickname', () => {
    const data = { notificationType: 'StatusChange', chat: { id: 's1', state: 'Chatting', participants: [{ nickname: 'Alice' }, { nickname: 'agent1' }] } };
    expect(keyFields({ data }, media)).toBe('state Chatting · participants Alice, agent1');
  });
});
