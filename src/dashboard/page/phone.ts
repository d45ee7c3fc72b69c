import { callTies } from './call-ties';
import { html } from './html';
import type { SessionOf, User } from './types';

/**
 * The agent's voice state as its phone shows it: LoggedOut when it is not logged in on the
 * device's channel, AfterCallWork while it wraps up a call (NotReady with that workMode).
 */
export function voiceState(user: User, deviceChannel: string): string {
  const voice = user.channels?.find((c) => c.channel === deviceChannel);
  if (!voice) return 'LoggedOut';
  return voice.workMode === 'AfterCallWork' ? 'AfterCallWork' : voice.state;
}

/** The agent's phone: its DN, its voice state and do-not-disturb; then its calls, newest first, each with its own call id and state, and what ties it to other calls (a consultation, a conference). */
export function Phone({ user, calls, deviceChannel }: { user: User; calls: readonly SessionOf[]; deviceChannel: string }) {
  if (user.phoneNumber === undefined) return null;
  const state = voiceState(user, deviceChannel);
  const voice = user.channels?.find((c) => c.channel === deviceChannel);
  return html`
    <p class="phone small" data-phone=${user.phoneNumber} data-voice=${state} data-dnd=${user.doNotDisturb === true}>
      <span class="muted" title=${`device ${user.deviceId ?? ''}`}>phone</span> <strong>${user.phoneNumber}</strong>
      <span class=${`chip voice-${state}`} title=${voice?.reason ?? ''}>${state}</span>
      ${user.doNotDisturb && html`<span class="chip dnd">do-not-disturb</span>`}
    </p>
    ${calls.length > 0 &&
    html`<ul class="calls small">
      ${calls.map((call) => {
        const leg = call.legs![user.userName];
        const legState = call.agentStates[user.userName];
        return html`<li key=${leg.id} data-call=${leg.id} data-conn=${call.id} data-state=${legState}>
          <span class=${`chip state-${legState}`}>${legState}</span> <code title=${`call id (connId ${call.id})`}>${leg.id}</code> ${leg.callType} · ${call.call?.ani ?? '?'} → ${call.call?.dnis ?? '?'}${legMarks(leg)}${callTies(call).map((tie) => ` · ${tie}`)}
        </li>`;
      })}
    </ul>`}
  `;
}

/** Mute and recording, when not the defaults. */
export function legMarks(leg: { mute: boolean; recordingState: string }): string {
  return `${leg.mute ? ' · muted' : ''}${leg.recordingState !== 'Stopped' ? ` · recording ${leg.recordingState}` : ''}`;
}
