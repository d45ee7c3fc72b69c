import type { FeedEvent, Media } from './types';

type Json = Record<string, unknown>;
const record = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);

/** The session a notification is about: `<resource>.id`, else the last segment of `<resource>Path` (NewMessages carries only that). */
export function sessionOfNotification(event: { data: unknown }, media: readonly Media[]): string | undefined {
  const data = record(event.data);
  if (!data) return undefined;
  for (const { resource } of media) {
    const id = record(data[resource])?.id;
    if (typeof id === 'string') return id;
    const path = data[`${resource}Path`];
    if (typeof path === 'string') return path.split('/').pop();
  }
  return undefined;
}

/** The session any event is about, if one. */
export function sessionOfEvent(event: FeedEvent, media: readonly Media[]): string | undefined {
  if (event.type === 'notification' || event.type === 'held') return sessionOfNotification(event, media);
  if (event.type === 'operation') return event.session;
  if (event.type === 'request' && event.request.type === 'rest') return event.request.session;
  return undefined;
}

/** A notification's key fields, on one line: the messages' senders and texts, or the session's state and participants. */
export function keyFields(event: { data: unknown }, media: readonly Media[]): string {
  const data = record(event.data) ?? {};
  const messages = Array.isArray(data.messages) ? data.messages.map(record).filter((m): m is Json => m !== undefined) : undefined;
  if (messages) {
    return messages
      .map((m) => {
        const from = record(m.from)?.nickname;
        const text = typeof m.text === 'string' ? ` “${clip(m.text, 60)}”` : '';
        return `${from ?? '?'}${text}${m.visibility === 'Agents' ? ' (agents only)' : ''}`;
      })
      .join('; ');
  }
  // A DeviceStateChangeMessage: the phone's voice state and do-not-disturb.
  if (Array.isArray(data.devices)) return data.devices.map((d) => deviceFields(record(d) ?? {})).join('; ');
  const resource = media.map((m) => record(data[m.resource])).find((r) => r !== undefined);
  if (resource) {
    // A call's parties are numbers, a session's have nicknames.
    const participants = Array.isArray(resource.participants) ? resource.participants.map((p) => record(p)?.nickname ?? record(p)?.phoneNumber).join(', ') : undefined;
    const parts = [`state ${String(resource.state)}`, ...(typeof resource.callType === 'string' ? [resource.callType] : [])];
    // A consultation call names the agent's call it consults from (the pages' parentCallPath).
    if (typeof resource.parentCallPath === 'string') parts.push(`consultation of call ${resource.parentCallPath.split('/').pop()}`);
    if (participants !== undefined) parts.push(`participants ${participants || '(none)'}`);
    if (Array.isArray(resource.capabilities) && resource.capabilities.length > 0) parts.push(`may ${resource.capabilities.join(', ')}`);
    return parts.join(' · ');
  }
  return [data.messageType, data.notificationType].filter((v) => typeof v === 'string').join(' / ');
}

function deviceFields(device: Json): string {
  const user = record(device.userState) ?? {};
  const workMode = typeof user.workMode === 'string' && user.workMode !== user.state ? ` (${user.workMode})` : '';
  return `device ${String(device.phoneNumber)} · ${String(user.state)}${workMode} · do-not-disturb ${String(device.doNotDisturb)}`;
}

export function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** 12:03:04.567 */
export function clockTime(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
