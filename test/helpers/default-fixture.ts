/** Ids of the embedded default fixture (src/gws/default-fixture.json), named once for all tests. */
export const SESSION_ID = '0002EaAY01MT0082';
export const AGENT1_ID = '5e101708f14442c7ab79814bb4f799b2';
export const AGENT2_ID = 'e2c90c960d3d40c79684818983ceb314';
export const AGENT3_ID = '8a3c7f0e2b9d4c61a5e4f7b2c9d0e1f3';
export const CUSTOMER_PARTICIPANT = '007356278F230171';
export const AGENT1_PARTICIPANT = '007356278F310173';
export const AGENT2_PARTICIPANT = '007356278F320175';
