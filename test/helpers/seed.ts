import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gwsTimestamp } from '../../src/gws/timestamp';
import { AGENT2_ID, AGENT2_PARTICIPANT } from './default-fixture';

/**
 * The notifications of the GWS documentation page (shared/seeds/RemoveParticipantFromConference.txt),
 * cleaned of the wiki's mangling only: colon spaces inside strings, the lost date/time space,
 * `1445433199000L` and `None`.
 */
const seed: Record<string, any> = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-notifications.json'), 'utf8'));

export const SEED_BASE_URL = 'http://192.168.83.25:8090';

/** The page's streams exactly as printed: agent1 3 notifications, agent2 4. */
export function documentedStreams(): { agent1: any[]; agent2: any[] } {
  const pick = (agent: string, ordinals: string[]) => ordinals.map((o) => structuredClone(seed[`${agent} ${o} Notification`]));
  return {
    agent1: pick('Agent1', ['First', 'Second', 'Third']),
    agent2: pick('Agent2', ['First', 'Second', 'Third', 'Fourth']),
  };
}

/**
 * What the simulator must send on `baseUrl` for operation `referenceId`: the page with its two
 * copy errors corrected (agent1 stays Chatting; ParticipantLeft comes from agent2), the log
 * positions of the fixture (Notice 5, ParticipantLeft 6) and live timestamps left as markers.
 */
export function expectedStreams(baseUrl: string, referenceId: number): { agent1: any[]; agent2: any[] } {
  const streams = rebase(documentedStreams(), baseUrl);
  const agent2Participant = {
    participantId: AGENT2_PARTICIPANT,
    type: 'Agent',
    uri: `${baseUrl}/api/v2/users/${AGENT2_ID}`,
    visibility: 'Agents',
    path: `/users/${AGENT2_ID}`,
    nickname: 'ConsultingAgent',
    id: AGENT2_PARTICIPANT,
  };
  streams.agent1[1].facebooksession.state = 'Chatting';
  for (const notification of [...streams.agent1, ...streams.agent2]) {
    if ('referenceId' in notification) notification.referenceId = referenceId;
    for (const message of notification.messages ?? []) {
      if (message.type === 'ParticipantLeft') Object.assign(message, { index: 6, from: agent2Participant });
      Object.assign(message, { timestamp: '<live>', timestampSeconds: '<live>' });
    }
  }
  return streams;
}

/**
 * Checks every message timestamp of a received notification: emitted between `from` and `to`
 * (epoch ms) and written in GWS form, then replaces both with the `<live>` marker.
 */
export function checkLiveTimes(notification: any, from: number, to: number): any {
  const copy = structuredClone(notification);
  for (const message of copy.messages ?? []) {
    if (typeof message.timestampSeconds !== 'number' || message.timestampSeconds < from || message.timestampSeconds > to) {
      throw new Error(`timestampSeconds ${message.timestampSeconds} is not between ${from} and ${to}`);
    }
    if (message.timestamp !== gwsTimestamp(message.timestampSeconds)) {
      throw new Error(`timestamp ${message.timestamp} does not match timestampSeconds ${message.timestampSeconds}`);
    }
    Object.assign(message, { timestamp: '<live>', timestampSeconds: '<live>' });
  }
  return copy;
}

function rebase<T>(value: T, baseUrl: string): T {
  return JSON.parse(JSON.stringify(value).split(SEED_BASE_URL).join(baseUrl));
}
