import { familyNamed, type Family } from '../gws/families';
import { callWire, phonesOf } from '../gws/families/voice/wire';
import type { GwsModel, Session } from '../gws/model';
import { capabilitiesOf } from '../gws/operations/registry';
import { sessionWire } from '../gws/wire';

/** An interaction as this agent sees it: its own state and capabilities; a call, as the agent's own leg. */
export function viewOf(model: GwsModel, session: Session, userId: string, baseUrl: string, now: number) {
  const view = { state: session.states[userId], capabilities: capabilitiesOf(model, session, userId) };
  if (familyNamed(session.media).legPerAgent) return callWire(session, userId, baseUrl, view, phonesOf(model, session), now);
  return sessionWire(session, baseUrl, view);
}

/** The agent's interactions of a family (offered, open or left, not completed), as it sees each at `now` (a call's duration). */
export function sessionsView(model: GwsModel, userId: string, media: Family, baseUrl: string, now: number) {
  return model.sessionsOf(userId, media.name).map((s) => viewOf(model, s, userId, baseUrl, now));
}
