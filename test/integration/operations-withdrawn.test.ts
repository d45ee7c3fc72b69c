import { TRANSPORTS, type Transport } from '../helpers/agent';
import { AGENT2_ID, AGENT3_ID } from '../helpers/default-fixture';
import { expectRefusal, resourceOf, useWorld, type UserName } from '../helpers/operations';

/**
 * A Consult or Transfer not yet accepted does not outlive its inviter: agent1 accepts a session,
 * invites agent2, then completes or leaves. agent2's offer is withdrawn (told, as CancelConsult's
 * target is), its Accept is refused, and every agent's notifications end as the state says.
 */
const INVITATIONS = ['Consult', 'Transfer'] as const;

describe.each(TRANSPORTS.flatMap((transport) => (['facebook', 'chat'] as const).map((media) => [transport, media] as const)))('over %s, a %s session', (transport: Transport, media) => {
  const world = useWorld(transport, media);
  const stateOf = (id: string) => {
    const state = world().sim.state();
    return (media === 'chat' ? state.chats : state.facebooksessions).find((s) => s.id === id)!;
  };
  /** agent1 chats alone with the customer and has invited agent2, who has been told. */
  const invitedByAgent1 = async (operation: string): Promise<string> => {
    const id = await world().chatting('agent1');
    await world().ok('agent1', id, operation, { targetPath: `/users/${AGENT2_ID}` });
    await world().skip();
    return id;
  };
  const expectWithdrawnFrom = async (id: string, user: UserName, referenceId: number) => {
    const told = await world().take(user);
    expect(told.map((n) => [n.notificationType, resourceOf(n).state, resourceOf(n).participants])).toEqual([['StatusChange', 'Completed', []]]);
    expect(told[0].referenceId).toBe(referenceId);
    expect(resourceOf(told[0]).id).toBe(id);
    // Its Accept is refused as any agent's on a session it has done with; so is its view.
    expectRefusal(await world().perform(user, id, 'Accept'), 404, 6, new RegExp(`not one of its participants`));
    expect((await world().view(user, id)).statusCode).toBe(6);
    expect(await world().take(user)).toEqual([]);
  };

  test.each(INVITATIONS)('%s, then Complete: the offer is withdrawn, the session Completed with nobody invited', async (operation) => {
    const id = await invitedByAgent1(operation);
    await world().ok('agent1', id, 'Complete');
    const referenceId = world().sim.state().lastReferenceId;

    const caller = await world().take('agent1');
    expect(caller.map((n) => [n.notificationType, resourceOf(n).state])).toEqual([['StatusChange', 'Completed']]);
    await expectWithdrawnFrom(id, 'agent2', referenceId);
    expect(stateOf(id)).toMatchObject({ state: 'Completed', invited: [], agentStates: { agent1: 'Completed', agent2: 'Completed' } });
    expect(await world().take('agent3')).toEqual([]);
  });

  test.each(INVITATIONS)('%s, then Leave: the offer is withdrawn; the agent is LeftChat and may still Complete', async (operation) => {
    const id = await invitedByAgent1(operation);
    await world().ok('agent1', id, 'Leave');
    const referenceId = world().sim.state().lastReferenceId;

    const caller = await world().take('agent1');
    expect(caller.map((n) => [n.notificationType, resourceOf(n).state])).toEqual([['StatusChange', 'LeftChat']]);
    await expectWithdrawnFrom(id, 'agent2', referenceId);
    expect(stateOf(id)).toMatchObject({ invited: [], agentStates: { agent1: 'LeftChat', agent2: 'Completed' } });
    expect((await world().view('agent1', id))[media === 'chat' ? 'chat' : 'facebooksession'].capabilities).not.toContain('CancelConsult');
    await world().ok('agent1', id, 'Complete');
    expect(await world().take('agent2')).toEqual([]);
  });

  test('in a conference, the agent who consulted leaves: its consultation is withdrawn, the other agents see it leave and go on', async () => {
    const id = await world().chatting('agent1');
    await world().ok('agent1', id, 'Consult', { targetPath: `/users/${AGENT3_ID}` });
    await world().ok('agent3', id, 'Accept');
    await world().ok('agent1', id, 'Consult', { targetPath: `/users/${AGENT2_ID}` });
    await world().skip();

    await world().ok('agent1', id, 'Leave');
    const referenceId = world().sim.state().lastReferenceId;
    await expectWithdrawnFrom(id, 'agent2', referenceId);
    const staying = await world().take('agent3');
    expect(staying.map((n) => n.notificationType)).toEqual(['NewMessages', 'ParticipantsUpdated']);
    expect(stateOf(id)).toMatchObject({ state: 'Chatting', invited: [], agentStates: { agent1: 'Completed', agent2: 'Completed', agent3: 'Chatting' } });
    // agent3 may invite agent2 again: the withdrawn offer left nothing behind.
    await world().ok('agent3', id, 'Consult', { targetPath: `/users/${AGENT2_ID}` });
    expect((await world().take('agent2')).map((n) => resourceOf(n).state)).toEqual(['Invited']);
  });

  test('an agent removed from the conference: the consultation it asked for is withdrawn', async () => {
    const id = await world().chatting('agent1');
    await world().ok('agent1', id, 'Consult', { targetPath: `/users/${AGENT3_ID}` });
    await world().ok('agent3', id, 'Accept');
    await world().ok('agent3', id, 'Consult', { targetPath: `/users/${AGENT2_ID}` });
    await world().skip();

    await world().ok('agent1', id, 'RemoveParticipantFromConference', { targetPath: `/users/${AGENT3_ID}` });
    await expectWithdrawnFrom(id, 'agent2', world().sim.state().lastReferenceId);
    expect(stateOf(id)).toMatchObject({ state: 'Chatting', invited: [], agentStates: { agent1: 'Chatting', agent2: 'Completed', agent3: 'Completed' } });
  });

  test('a transfer accepted: the consultation the agent who transferred still had pending is withdrawn', async () => {
    const id = await invitedByAgent1('Consult');
    await world().ok('agent1', id, 'Transfer', { targetPath: `/users/${AGENT3_ID}` });
    await world().ok('agent3', id, 'Accept');
    const referenceId = world().sim.state().lastReferenceId;

    await expectWithdrawnFrom(id, 'agent2', referenceId);
    expect((await world().take('agent1')).map((n) => resourceOf(n).state)).toEqual(['Completed']);
    expect(stateOf(id)).toMatchObject({ state: 'Chatting', invited: [], agentStates: { agent1: 'Completed', agent2: 'Completed', agent3: 'Chatting' } });
  });
});
