import type { Consultation, GwsModel, Session } from '../../model';

/** A consultation and the call it consults from (the initiator's original, Held meanwhile). */
export interface Pair {
  original: Session;
  consultation: Session;
  purpose: Consultation['purpose'];
}

/**
 * What `userId`'s consultation from or to this call is for, from the call's own data (capabilities
 * are computed from it alone): undefined when the agent consults nobody from it.
 */
export function purposeOf(call: Session, userId: string): Consultation['purpose'] | undefined {
  const consultation = call.call!.consultation;
  if (consultation?.initiator === userId) return consultation.purpose;
  return call.call!.consults?.[userId]?.purpose;
}

/** The agent's consultation pair, named by either of its calls. */
export function pairOf(model: GwsModel, call: Session, userId: string): Pair | undefined {
  const consultation = call.call!.consultation;
  if (consultation?.initiator === userId) return { original: model.session(consultation.parent), consultation: call, purpose: consultation.purpose };
  const link = call.call!.consults?.[userId];
  return link && { original: call, consultation: model.session(link.connId), purpose: link.purpose };
}

/** The agent's other call of its consultation pair. */
export const otherOf = (pair: Pair, call: Session): Session => (pair.original === call ? pair.consultation : pair.original);

/** Ties a new consultation call to its original: both sides know the other (purposeOf reads either). */
export function link(original: Session, consultation: Session, initiator: string, purpose: Consultation['purpose']): void {
  original.call = { ...original.call!, consults: { ...original.call!.consults, [initiator]: { connId: consultation.id, purpose } } };
  consultation.call = { ...consultation.call!, consultation: { parent: original.id, initiator, purpose }, parent: { initiator, leg: original.legs![initiator].id } };
}

/**
 * Unties the consultations this call takes part in (all, or only `userId`'s): a consultation whose
 * original is over, or whose initiator left it, goes on as a plain call between its parties.
 */
export function untie(model: GwsModel, call: Session, userId?: string): void {
  const consultation = call.call!.consultation;
  if (consultation && (userId === undefined || userId === consultation.initiator)) {
    unlinkOriginal(model.session(consultation.parent), consultation.initiator);
    const { consultation: _gone, ...rest } = call.call!;
    call.call = rest;
  }
  for (const [initiator, { connId }] of Object.entries(call.call!.consults ?? {})) {
    if (userId !== undefined && userId !== initiator) continue;
    const other = model.session(connId);
    const { consultation: _gone, ...rest } = other.call!;
    other.call = rest;
    unlinkOriginal(call, initiator);
  }
}

function unlinkOriginal(original: Session, initiator: string): void {
  const { [initiator]: _gone, ...consults } = original.call!.consults ?? {};
  original.call = { ...original.call!, consults };
}

/** The call id a call's uri, path or bare id names (SwapCalls' otherCallUri, CompleteTransfer's consultCallUri). */
export function callIdOf(reference: string): string {
  const trimmed = reference.trim();
  return /\/calls\/([^/?#\s]+)\/?$/.exec(trimmed)?.[1] ?? trimmed;
}
