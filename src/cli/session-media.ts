import { adminHeaders, UnreachableError } from '../client/rest';
import { DEFAULT_MEDIA, FAMILIES, type MediaName } from '../gws/families';
import { remoteTarget } from '../run/remote';

export const MEDIA_OPTION = {
  choices: FAMILIES.map((m) => m.name),
  describe: "The session's medium: a Facebook session or a chat. Default: the medium of the server's session with that id",
} as const;

/**
 * The medium of a session the CLI names: `--media` when given, else the one the server holds a session of that id
 * in (the harness and scripts know it from the model). When the server cannot tell, a Facebook session, and `hint`
 * says what to do if the answer is "No facebooksession".
 */
export async function sessionMedia(
  server: string,
  session: string,
  given: MediaName | undefined,
  adminToken: string | undefined,
): Promise<{ media: MediaName; hint?: string }> {
  if (given !== undefined) return { media: given };
  let found: MediaName | undefined;
  try {
    found = await (await remoteTarget(server, adminHeaders(adminToken))).mediaOf(session);
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    return { media: DEFAULT_MEDIA, hint: `could not look session ${session} up (${(error as Error).message}); for a chat, add --media chat` };
  }
  if (found !== undefined) return { media: found };
  return { media: DEFAULT_MEDIA, hint: `${server} has no Facebook session nor chat with id ${session}` };
}
