import { z } from 'zod';
import type { UserState } from './channels';

/**
 * The agent states a desktop offers (GWS's agent-states settings, `GET
 * /api/v2/settings/agent-states`): Ready, NotReady and the NotReady reasons. Each has the `id`
 * GWS puts in `userState` (a GUID per state: the voice pages' samples show the ids of Ready,
 * NotReady and AfterCallWork, which gws-sim keeps), its `displayName`, and, for a reason, the
 * `workMode` GWS carries in `userState` (AuxWork, AfterCallWork; the voice pages show it) and the
 * `reason` a NotReady names it by (modelled: no page shows how GWS names a reason). A state's
 * `operationName` other than Ready and NotReady is an operation of its own, as GWS's voice pages
 * call Ready, NotReady and AfterCallWork "system defined agent state operations": posting it
 * (`{"operationName": "Lunch"}`, as Genesys' JavaScript client posts what the settings list) sets
 * that state.
 */
export const AgentStateSetting = z.strictObject({
  id: z.string().min(1),
  operationName: z.string().min(1),
  displayName: z.string().min(1),
  state: z.enum(['Ready', 'NotReady']),
  workMode: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
});
export type AgentStateSetting = z.infer<typeof AgentStateSetting>;

export const DEFAULT_AGENT_STATES: AgentStateSetting[] = [
  { id: '9430250E-0A1B-421F-B372-F29E69366DED', operationName: 'Ready', displayName: 'Ready', state: 'Ready' },
  { id: '900D55CC-2BB0-431F-8BF9-D3525B383BE6', operationName: 'NotReady', displayName: 'Not Ready', state: 'NotReady' },
  { id: 'D3663509-3D82-4DD3-A82E-2EA8EFA02AEF', operationName: 'AfterCallWork', displayName: 'AfterCallWork', state: 'NotReady', workMode: 'AfterCallWork' },
  { id: '2B36138D-C564-4562-A8CB-3C32D564F296', operationName: 'AuxWork', displayName: 'AuxWork', state: 'NotReady', workMode: 'AuxWork' },
  { id: '6A2B1C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D', operationName: 'Lunch', displayName: 'Lunch', state: 'NotReady', workMode: 'AuxWork', reason: 'Lunch' },
  { id: '7B3C2D4E-5F6A-4B7C-9D8E-0F1A2B3C4D5E', operationName: 'Break', displayName: 'Break', state: 'NotReady', workMode: 'AuxWork', reason: 'Break' },
];

/** The userState of a logged-out channel: no setting names it (the id is gws-sim's: modelled). */
export const LOGGED_OUT = { id: '1F0E9D8C-7B6A-4C5D-8E4F-3A2B1C0D9E8F', displayName: 'Logged Out', state: 'LoggedOut' } as const;

/**
 * The setting a Ready or NotReady lands on: for NotReady, the one its `reason` names (or whose
 * workMode it gives), else the plain state. An unknown reason keeps the plain NotReady's id and
 * name and carries the reason as given (modelled).
 */
export function settingFor(settings: readonly AgentStateSetting[], state: 'Ready' | 'NotReady', asked: { reason?: string; workMode?: string }): AgentStateSetting {
  const plain = settings.find((s) => s.state === state && s.reason === undefined && s.workMode === undefined) ?? DEFAULT_AGENT_STATES.find((s) => s.state === state)!;
  if (state === 'Ready') return plain;
  const named =
    (asked.reason !== undefined && settings.find((s) => s.state === 'NotReady' && s.reason === asked.reason)) ||
    (asked.reason === undefined && asked.workMode !== undefined && settings.find((s) => s.state === 'NotReady' && s.workMode === asked.workMode)) ||
    undefined;
  if (named) return { ...named, ...(asked.workMode === undefined ? {} : { workMode: asked.workMode }) };
  return { ...plain, ...(asked.reason === undefined ? {} : { reason: asked.reason }), ...(asked.workMode === undefined ? {} : { workMode: asked.workMode }) };
}

/** What a Ready or NotReady may say about the state it asks for. */
export interface StateRequest {
  reason?: string;
  workMode?: string;
}

/** The userState a Ready or NotReady lands on. */
export function userStateOf(settings: readonly AgentStateSetting[], state: 'Ready' | 'NotReady', asked: StateRequest = {}): UserState {
  const { id, displayName, workMode, reason } = settingFor(settings, state, asked);
  return { id, displayName, state, ...(workMode === undefined ? {} : { workMode }), ...(reason === undefined ? {} : { reason }) };
}

/**
 * A body naming one of the fixture's own agent-state operations (AfterCallWork, Lunch...) as the
 * Ready or NotReady it stands for, with that state's reason and workMode; any other body as is.
 */
export function asStateOperation(settings: readonly AgentStateSetting[], body: unknown): unknown {
  const name = (body as { operationName?: unknown } | null)?.operationName;
  if (typeof name !== 'string' || name === 'Ready' || name === 'NotReady') return body;
  const setting = settings.find((s) => s.operationName === name);
  if (!setting) return body;
  const { reason, workMode } = setting;
  return { ...(body as object), operationName: setting.state, ...(reason === undefined ? {} : { reason }), ...(workMode === undefined ? {} : { workMode }) };
}
