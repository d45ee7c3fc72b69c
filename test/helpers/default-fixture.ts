import { FixtureSchema, loadFixture, type Fixture } from '../../src/gws/fixture';

/** Ids of the embedded default fixture (src/gws/default-fixture.json), named once for all tests. */
export const SESSION_ID = '0002EaAY01MT0082';
export const AGENT1_ID = '5e101708f14442c7ab79814bb4f799b2';
export const AGENT2_ID = 'e2c90c960d3d40c79684818983ceb314';
export const AGENT3_ID = '8a3c7f0e2b9d4c61a5e4f7b2c9d0e1f3';
export const CUSTOMER_PARTICIPANT = '007356278F230171';
export const AGENT1_PARTICIPANT = '007356278F310173';
export const AGENT2_PARTICIPANT = '007356278F320175';

export const AGENT4_ID = 'agent4id';
export const AGENT4_PARTICIPANT = 'PID4';

/** The default fixture plus agent4 (password agent4), a second consulting agent in the session. */
export function fixtureWithAgent4(): Fixture {
  const fixture = JSON.parse(JSON.stringify(loadFixture())) as Fixture;
  fixture.users.push({ id: AGENT4_ID, userName: 'agent4', password: 'agent4', firstName: 'Fourth', lastName: 'Agent' });
  fixture.facebooksessions[0].participants.push({
    type: 'Agent',
    participantId: AGENT4_PARTICIPANT,
    userId: AGENT4_ID,
    nickname: 'Fourth',
    visibility: 'Agents',
  });
  return FixtureSchema.parse(fixture);
}
