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

/** A conference of the customer, the first agent (its owner) and the second, completed on the original call. */
export const conference = (model: GwsModel): SampleCall[] => [
  ...onEstablished(model, 'InitiateConference', { destination: { phoneNumber: model.deviceOf(model.users[1].id).phoneNumber } }),
  { operation: 'Answer', as: model.users[1].id, params: {} },
  { operation: 'CompleteConference', as: model.users[0].id, params: {} },
];
