import { callTies } from '../../../src/dashboard/page/call-ties';
import { bodyOf } from '../../../src/dashboard/page/request-body';
import { catalog } from '../../../src/dashboard/catalog';

const call = { ani: '+14155550100', dnis: '7001', callType: 'Inbound', routed: false, parties: 2 };

describe("a call's ties as the dashboard words them", () => {
  test('a plain call of two parties has none', () => {
    expect(callTies({ call })).toEqual([]);
  });

  test('a consultation: for what, by whom, from which call; its original: who consults on which call', () => {
    const consultation = { ...call, callType: 'Consult', consultation: { parent: 'c1', initiator: 'agent1', purpose: 'transfer' } };
    expect(callTies({ call: consultation })).toEqual(['consultation (transfer) by agent1, from call c1']);
    const original = { ...call, consults: { agent1: { connId: 'c2', purpose: 'transfer' } } };
    expect(callTies({ call: original })).toEqual(['agent1 consults on call c2 (transfer)']);
  });

  test('a conference: the parties the server counts on it (three or more), and its owner', () => {
    const conference = { ...call, owner: 'agent1' };
    expect(callTies({ call: { ...conference, parties: 3 } })).toEqual(['conference of 3 parties, owner agent1']);
    expect(callTies({ call: conference })).toEqual([]);
  });
});

describe("a form's request body", () => {
  const destination = catalog().agentOperations.find((o) => o.name === 'InitiateTransfer')!.parameters as never;

  test("a destination typed as its number alone is the object the operation takes, as trigger's --destination; JSON is taken as JSON", () => {
    expect(bodyOf(destination, { destination: ' 7002 ' })).toEqual({ destination: { phoneNumber: '7002' } });
    expect(bodyOf(destination, { destination: '{"phoneNumber":"9000"}', userData: '{"Reason":"VIP"}' })).toEqual({ destination: { phoneNumber: '9000' }, userData: { Reason: 'VIP' } });
    expect(bodyOf(destination, { destination: '' })).toEqual({});
  });
});
