import { adminHeaders, UnreachableError } from '../client/rest';
import { DEFAULT_MEDIA, FAMILIES, familyNamed, type MediaName } from '../gws/families';
import { callIdIn, connIdOfCall } from '../run/call-ids';
import { remoteTarget } from '../run/remote';

export const MEDIA_OPTION = {
  choices: FAMILIES.map((m) => m.name),
  describe: "The session's medium: a Facebook session, a chat or a call. Default: the medium of the server's session (or call) with that id",
} as const;

/**
 * The medium of a session the CLI names: `--media` when given, else the one the server holds a session of that id
 * in (the harness and scripts know it from the model). When the server cannot tell, a Facebook session, and `hint`
 * says what to do if the answer is "No facebooksession". `id` is what the path names: on a call, `agent`'s own call
 * id there (GET /sim/state's `legs`), or without an agent (the customer's side) the call's connId; else the id as given.
 */
export async function sessionMedia(
  server: string,
  session: string,
  given: MediaName | undefined,
  adminToken: string | undefined,
  agent?: string,
): Promise<{ media: MediaName; id: string; hint?: string }> {
  let found: MediaName | undefined;
  let remote: Awaited<ReturnType<typeof remoteTarget>>;
  try {
    remote = await remoteTarget(server, adminHeaders(adminToken));
    found = given ?? (await remote.mediaOf(session));
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    if (given !== undefined) return { media: given, id: session };
    return { media: DEFAULT_MEDIA, id: session, hint: `could not look session ${session} up (${(error as Error).message}); for a chat, add --media chat; for a call, --media voice and the agent's own call id` };
  }
  if (found === undefined) return { media: DEFAULT_MEDIA, id: session, hint: `${server} has no Facebook session, chat nor call with id ${session}` };
  if (!familyNamed(found).legPerAgent) return { media: found, id: session };
  const state = await remote.phones();
  // The agent's REST path names its own call; the customer's /sim path names the connId.
  const named = agent !== undefined ? callIdIn(state, session, agent) : connIdOfCall(state, session);
  return { media: found, id: named ?? session };
}
