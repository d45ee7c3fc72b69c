import type { GwsModel } from '../../model';
import type { SampleCall } from '../../operations/operation';

/** The agent logs in on voice: where a sample needs a voice agent. */
export const startVoice = (_model: GwsModel, userId: string): SampleCall[] => [{ operation: 'StartContactCenterSession', as: userId, params: { channels: ['voice'] } }];

/** A customer's call rings the fixture's first agent. */
export const ringing = (model: GwsModel): SampleCall[] => [{ operation: 'Offer', params: { from: '+14155550100', offerTo: model.users[0].userName } }];

/** The first agent has answered a customer's call. */
export const established = (model: GwsModel): SampleCall[] => [...ringing(model), { operation: 'Answer', as: model.users[0].id, params: {} }];

/** Calls of the first agent on an established call, then `operation`. */
export const onEstablished = (model: GwsModel, operation: string, params: Record<string, unknown> = {}, before: SampleCall[] = []): SampleCall[] => [
  ...established(model),
  ...before,
  { operation, as: model.users[0].id, params },
];
