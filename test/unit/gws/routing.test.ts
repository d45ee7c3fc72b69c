import { loadFixture } from '../../../src/gws/fixture';
import { GwsModel } from '../../../src/gws/model';
import { performAgentState, performCustomer, performOperation } from '../../../src/gws/operations/registry';
import { AGENT1_ID, AGENT2_ID, AGENT3_ID } from '../../helpers/default-fixture';
import { refusal, T0 } from './operations-world';

/** The embedded fixture's model, with chats offered by routing and agents logging in and out of chat. */
function chats() {
  const model = new GwsModel(loadFixture());
  const user = (name: string) => model.userByName(name)!;
  const offer = (params: Record<string, unknown> = {}) => performCustomer(model, 'Offer', undefined, { customer: 'Alice', ...params }, 'chat', T0);
  const me = (name: string, operationName: string, params: Record<string, unknown> = {}) => performAgentState(model, user(name), undefined, { operationName, ...params }, T0);
  const channel = (name: string, operationName: string, params: Record<string, unknown> = {}) => performAgentState(model, user(name), 'chat', { operationName, ...params }, T0);
  const ready = (name: string) => {
    me(name, 'StartContactCenterSession', { channels: ['chat'] });
    return channel(name, 'Ready');
  };
  const act = (name: string, id: string, operationName: string) => performOperation(model, user(name), id, { operationName }, 'chat', T0);
  return { model, offer, me, channel, ready, act };
}

describe('routing a chat offered without offerTo', () => {
  it('waits, offered to nobody, until an agent is Ready on chat; then it is offered to that agent alone', () => {
    const { model, offer, me, channel, ready } = chats();
    const waiting = offer();
    expect(waiting.answer).toEqual({ id: waiting.session.id, waiting: true });
    expect(waiting.recipients).toEqual([]);
    expect(model.channels.waitingOn('chat')).toEqual([waiting.session.id]);
    // Logged in, NotReady: still nobody.
    expect(me('agent2', 'StartContactCenterSession', { channels: ['chat'] }).followUps).toEqual([]);
    expect(channel('agent2', 'NotReady').followUps).toEqual([]);

    const readied = ready('agent3');
    expect(readied.channels).toEqual([{ channel: 'chat', state: 'Ready' }]);
    expect(readied.followUps.map((f) => [f.operation, f.media, f.session.id, f.recipients.map((r) => [r.role, r.userId, r.state, r.capabilities])])).toEqual([
      ['Offer', 'chat', waiting.session.id, [['invited', AGENT3_ID, 'Invited', ['Accept', 'Reject']]]],
    ]);
    expect(model.channels.waitingOn('chat')).toEqual([]);
  });

  it('goes round robin through the Ready agents, in the fixture order, from the one after the last offered', () => {
    const { offer, ready, channel } = chats();
    for (const name of ['agent3', 'agent1', 'agent2']) ready(name);
    const to = () => offer().answer.offeredTo;
    expect([to(), to(), to(), to()]).toEqual(['agent1', 'agent2', 'agent3', 'agent1']);
    channel('agent2', 'NotReady', { reason: 'Break' });
    expect([to(), to()]).toEqual(['agent3', 'agent1']);
  });

  it('a Reject offers it to the next Ready agent that has not had it; with none it waits, and not for the agents who rejected it', () => {
    const { model, offer, ready, act, channel } = chats();
    ready('agent2');
    ready('agent3');
    const { id } = offer().answer as { id: string };
    const first = act('agent2', id, 'Reject');
    expect(first.recipients.map((r) => [r.userId, r.state])).toEqual([[AGENT2_ID, 'Completed']]);
    expect(first.followUps.map((f) => f.recipients.map((r) => r.userId))).toEqual([[AGENT3_ID]]);
    const second = act('agent3', id, 'Reject');
    expect(second.followUps).toEqual([]);
    expect(model.channels.waitingOn('chat')).toEqual([id]);
    // agent2 Ready again does not get it back.
    expect(channel('agent2', 'Ready').followUps).toEqual([]);
    expect(ready('agent1').followUps.map((f) => f.recipients.map((r) => r.userId))).toEqual([[AGENT1_ID]]);
  });

  it('a chat offered to a named agent and rejected is routed too; a consultation rejected is not', () => {
    const { model, offer, ready, act } = chats();
    ready('agent2');
    const named = offer({ offerTo: 'agent3' });
    expect(named.answer).toEqual({ id: named.session.id });
    expect(act('agent3', named.session.id, 'Reject').followUps.map((f) => f.recipients[0].userId)).toEqual([AGENT2_ID]);
    const consulted = performOperation(model, model.userByName('agent1')!, '0000Na9B26EF002X', { operationName: 'Consult', targetPath: `/users/${AGENT3_ID}` }, 'chat', T0);
    expect(consulted.recipients.map((r) => r.userId)).toEqual([AGENT1_ID, AGENT3_ID]);
    expect(act('agent3', '0000Na9B26EF002X', 'Reject').followUps).toEqual([]);
  });

  it('a waiting chat whose customer left waits no more', () => {
    const { model, offer, ready } = chats();
    const { id } = offer().answer as { id: string };
    performCustomer(model, 'CustomerLeave', id, {}, 'chat', T0);
    expect(ready('agent2').followUps).toEqual([]);
    expect(model.channels.waitingOn('chat')).toEqual([]);
  });

  it('a Facebook session is not routed: its offer must name the agent, as before', () => {
    const { model } = chats();
    const error = refusal(() => performCustomer(model, 'Offer', undefined, { customer: 'Alice' }, 'facebook', T0));
    expect([error.statusCode, error.code]).toEqual([1, 'MISSING_PARAMETER']);
    expect(error.message).toMatch(/^Missing required parameter 'offerTo': expected string, received undefined; for example/);
    expect(model.allSessions('facebook')).toHaveLength(1);
    expect(model.allSessions('chat')).toHaveLength(1);
  });

  it('a reset forgets the channels, the waiting chats and the rotation', () => {
    const { model, offer, ready, me } = chats();
    offer();
    ready('agent2');
    offer();
    model.reset();
    expect(model.channels.of(AGENT2_ID)).toEqual([]);
    expect(model.channels.waitingOn('chat')).toEqual([]);
    expect(offer().answer).toMatchObject({ waiting: true });
    me('agent3', 'StartContactCenterSession', { channels: ['chat'] });
    expect(model.channels.of(AGENT3_ID)).toEqual([{ channel: 'chat', state: 'NotReady' }]);
  });
});

describe('EndContactCenterSession with many chats open', () => {
  it('names a few of them and says how many more (3,001 chats made a 93 KB message)', () => {
    const { ready, offer, me } = chats();
    ready('agent2');
    const ids = Array.from({ length: 3001 }, () => String(offer({ offerTo: 'agent2' }).answer.id));
    const message = refusal(() => me('agent2', 'EndContactCenterSession')).message;
    expect(message).toBe(`Cannot EndContactCenterSession: agent2 still has ${ids.slice(0, 5).map((id) => `chat ${id}`).join(', ')} and 2996 more offered or open. Reject, Complete or Leave them first.`);
  });
});
