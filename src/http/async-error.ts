import { rethrow, whenSettled, type Settling } from '../settling';
import type { Request, Response } from 'express';
import { CHANNELS_TOPIC, FAMILIES } from '../gws/families';
import { channelWire } from '../gws/wire';
import type { AppDeps } from './app';
import { userOf } from './authenticate';

/** Where an operation acted: a session of a medium (its collection or an older spelling), or the agent itself. */
export type Acted = { media: string } | { agentState: true };

/**
 * Tells `userName` that its operation failed after GWS answered it statusCode 0: the medium's
 * state-change message with `notificationType: "Error"`, `errorMessage` and the `referenceId` the
 * answer carried (the chat CancelConsult page shows this; FacebookPMMessageType lists Error), on
 * the medium's topic, behind what is on its way to the agent. For an operation on the agent itself
 * (Ready...), the same on /v2/me/channels as a ChannelStateChangeMessageV2 that still carries the
 * agent's channels, unchanged (modelled: no page shows a channel error).
 */
export function tellAsyncError(deps: AppDeps, userName: string, acted: Acted, referenceId: number, errorMessage: string): void {
  const error = { notificationType: 'Error', errorMessage, referenceId };
  const media = 'media' in acted ? FAMILIES.find((m) => m.name === acted.media || m.collection === acted.media || m.aliases.includes(acted.media)) : undefined;
  if (media) {
    deps.notify({ agent: userName, channel: media.topic, data: { messageType: media.stateMessageType, ...error } });
    return;
  }
  const user = deps.model.userByName(userName)!;
  const channels = deps.model.channels.of(user.id).map(channelWire);
  deps.notify({ agent: userName, channel: CHANNELS_TOPIC, data: { messageType: 'ChannelStateChangeMessageV2', ...error, channels } });
}

/** Where a POST under /api/v2 acts, from its path (see gws-routes.ts and me-routes.ts). */
export function actedOn(path: string): Acted {
  const collection = /^\/me\/([^/]+)\/[^/]+\/?$/i.exec(path)?.[1];
  return collection !== undefined && collection.toLowerCase() !== 'channels' ? { media: collection.toLowerCase() } : { agentState: true };
}

/** Answers an operation statusCode 0 with a new referenceId, then tells the agent it failed (an async-error fault). */
export function failLater(deps: AppDeps) {
  return (req: Request, res: Response, errorMessage: string): Settling<void> =>
    whenSettled(
      () => deps.ledger.perform({ kind: 'reference' }),
      (referenceId) => {
        res.json({ statusCode: 0, referenceId });
        tellAsyncError(deps, userOf(res).userName, actedOn(req.path), referenceId, errorMessage);
      },
      rethrow,
    );
}
