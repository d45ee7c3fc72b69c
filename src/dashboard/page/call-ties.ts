import type { CallView } from './types';

/** What a call, as the state or an operation's change shows it, needs for its ties to be told. */
export type TiedCall = { call?: CallView };

/**
 * What ties a call to others, in words: the consultation it is (for what, by whom, from which
 * call), the consultations started from it, a conference's parties and owner. Empty for a plain call.
 */
export function callTies(session: TiedCall): string[] {
  const call = session.call;
  if (!call) return [];
  const ties: string[] = [];
  if (call.consultation) {
    const { purpose, initiator, parent } = call.consultation;
    ties.push(`consultation (${purpose}) by ${initiator}, from call ${parent}`);
  }
  for (const [initiator, { connId, purpose }] of Object.entries(call.consults ?? {})) ties.push(`${initiator} consults on call ${connId} (${purpose})`);
  const parties = call.parties;
  if (parties >= 3) ties.push(`conference of ${parties} parties${call.owner === undefined ? '' : `, owner ${call.owner}`}`);
  return ties;
}
