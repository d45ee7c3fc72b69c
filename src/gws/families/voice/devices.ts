import { createHash } from 'node:crypto';

/**
 * The agent's phone: GWS's device resource. Each fixture user has one, its DN the user's
 * `phoneNumber` or, when the fixture gives none, 7001, 7002... in the fixture's order (modelled:
 * GWS takes them from its configuration). Its id is a GUID derived from the user's id, the same
 * after every reset and in every process.
 */
export interface Device {
  id: string;
  userId: string;
  phoneNumber: string;
}

/** The voice environment every device belongs to (one, as a small GWS has: modelled). */
export const VOICE_ENVIRONMENT_ID = '370ef5e6-9e3c-4d91-9588-7f4dfe67e011';

/**
 * The users' phones, in the fixture's order (it gives each user's DN its default). A default DN
 * skips the `reserved` numbers (the queues' routing points: 9000 would be the 2,000th user's).
 */
export function devicesOf(users: readonly { id: string; phoneNumber?: string }[], reserved: ReadonlySet<string> = new Set()): Device[] {
  let skipped = 0;
  return users.map((user, i) => {
    while (user.phoneNumber === undefined && reserved.has(String(7001 + i + skipped))) skipped += 1;
    return { id: guidOf(`device:${user.id}`), userId: user.id, phoneNumber: user.phoneNumber ?? String(7001 + i + skipped) };
  });
}

function guidOf(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
