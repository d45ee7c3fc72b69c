/**
 * What GET /sim/state (and `sim.state()`) tells of agents' phones and calls: each user's device,
 * each call's connId (its `id`) and each party's own call id there (`legs`, by user name). Scripts,
 * `gws-sim trigger` and the harness name a call by its connId; an agent's REST path names its own
 * call id, which these look up.
 */
export interface PhonesState {
  users: readonly { userName: string; deviceId?: string }[];
  /** `call.consults`: the consultations started from the call, by the initiating agent's user name. */
  calls?: readonly { id?: unknown; legs?: Record<string, { id: string }>; call?: { consults?: Readonly<Record<string, { connId: string }>> } }[];
}

/** The id of `userName`'s device. */
export function deviceIdIn(state: PhonesState, userName: string): string | undefined {
  return state.users.find((u) => u.userName === userName)?.deviceId;
}

/** `userName`'s own call id in the call whose connId is `connId`; undefined when the call never reached it. */
export function callIdIn(state: PhonesState, connId: string, userName: string): string | undefined {
  return state.calls?.find((c) => c.id === connId)?.legs?.[userName]?.id;
}

/** The connId of the call that has `callId` as one party's own call id. */
export function connIdOfCall(state: PhonesState, callId: string): string | undefined {
  const call = state.calls?.find((c) => Object.values(c.legs ?? {}).some((leg) => leg.id === callId));
  return call && String(call.id);
}

/** The connId of the newest call `userName` is a party of: the one its Dial just made. */
export function newestCallIn(state: PhonesState, userName: string): string | undefined {
  const call = state.calls?.filter((c) => c.legs?.[userName] !== undefined).at(-1);
  return call && String(call.id);
}

/**
 * The connId of the consultation call `userName` started from the call `connId` (InitiateTransfer,
 * InitiateConference; its REST answer is statusCode 0 alone), while the two are tied: from the
 * original's `call.consults`.
 */
export function consultationIn(state: PhonesState, connId: string, userName: string): string | undefined {
  return state.calls?.find((c) => c.id === connId)?.call?.consults?.[userName]?.connId;
}
