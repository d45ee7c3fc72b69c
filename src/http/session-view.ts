import type { Media } from '../gws/media';
import type { GwsModel, Session } from '../gws/model';
import { capabilitiesOf } from '../gws/operations/registry';
import { sessionWire } from '../gws/wire';

/** A session as this agent sees it: its own state and capabilities. */
export const viewOf = (session: Session, userId: string, baseUrl: string) =>
  sessionWire(session, baseUrl, { state: session.states[userId], capabilities: capabilitiesOf(session, userId) });

/** The agent's sessions of a medium (offered, open or left, not completed), as it sees each. */
export function sessionsView(model: GwsModel, userId: string, media: Media, baseUrl: string) {
  return model.sessionsOf(userId, media.name).map((s) => viewOf(s, userId, baseUrl));
}
