import { createSimulator, GwsError, type Simulator } from '../../src';
import { TRANSPORTS } from '../helpers/agent';

describe.each(TRANSPORTS)("the harness on chats and the agent's day, over %s", (transport) => {
  let sim: Simulator;
  afterEach(() => sim?.close());

  it('sim.offer({ media: "chat" }) without offerTo routes to the agent Ready on chat; sim.customer(id) acts on the chat; agent.perform takes { chat }, { channel }, { me }', async () => {
    sim = await createSimulator({ timeScale: 0 });
    const agent2 = await sim.agent('agent2', { transport });
    await sim.agent('agent3', { transport });

    const id = sim.offer({ media: 'chat', customer: 'Bob', text: 'Hi' });
    expect(sim.state().waiting).toEqual({ chat: [id], voice: [] });
    expect(await agent2.perform('StartContactCenterSession', { me: true }, { channels: ['chat'] })).toEqual({ statusCode: 0 });
    expect(await agent2.perform('Ready', { channel: 'chat' })).toEqual({ statusCode: 0 });
    await sim.expect({
      agent2: [
        { kind: 'ChannelStateChangeMessageV2', match: { channels: [{ channel: 'chat', userState: { state: 'NotReady' } }] } },
        { kind: 'ChannelStateChangeMessageV2', match: { channels: [{ channel: 'chat', userState: { state: 'Ready' } }] } },
        { kind: 'StatusChange', match: { 'chat.id': id, 'chat.state': 'Invited' } },
      ],
      agent3: [],
    });

    expect(await agent2.perform('Accept', { chat: id })).toEqual({ statusCode: 0 });
    sim.customer(id).say('Where is it?');
    sim.customer(id).startTyping();
    await sim.expect({
      agent2: ['StatusChange', 'ParticipantsUpdated', 'ParticipantJoined+Text+ParticipantJoined', { kind: 'Text', match: { 'messages[0].text': 'Where is it?' } }, 'TypingStarted'],
      agent3: [],
    });
    expect(agent2.received.map((r) => r.channel).every((c) => c === '/v2/notifications')).toBe(true);

    // The id tells the medium: a Facebook session id is not a chat, and the other way round.
    expect(() => sim.customer('no-such-session').say('x')).toThrow('No facebooksession no-such-session.');
    expect(await agent2.perform('Accept', id)).toEqual({ statusCode: 6, statusMessage: `No facebooksession ${id}.` });
    expect(() => sim.offer({ customer: 'Carol' })).toThrow(GwsError);
    expect(() => sim.offer({ customer: 'Carol' })).toThrow(/^Missing required parameter 'offerTo'/);
  });
});
