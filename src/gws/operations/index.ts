import { gwsError } from '../../errors';
import type { User } from '../fixture';
import type { GwsModel, OperationOutcome } from '../model';
import { OPERATIONS, isOperationName, type OperationName } from '../types';
import { removeParticipantFromConference } from './remove-participant-from-conference';

/** Performs a facebooksession operation from its request body, or throws the GWS refusal. */
export function performOperation(model: GwsModel, caller: User, sessionId: string, body: unknown): OperationOutcome {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw gwsError('INVALID_PARAMETER', 'body', 'expected a JSON object such as {"operationName": "RemoveParticipantFromConference", ...}');
  }
  const params = body as Record<string, unknown>;
  const name = params.operationName;
  if (name === undefined) throw gwsError('MISSING_PARAMETER', 'operationName', `one of ${OPERATIONS.join(', ')}`);
  if (typeof name !== 'string') throw gwsError('INVALID_PARAMETER', 'operationName', 'expected a string');
  if (!isOperationName(name)) throw gwsError('UNKNOWN_OPERATION', name, OPERATIONS);
  return dispatch(name, model, caller, sessionId, params);
}

function dispatch(name: OperationName, model: GwsModel, caller: User, sessionId: string, params: Record<string, unknown>) {
  switch (name) {
    case 'RemoveParticipantFromConference':
      return removeParticipantFromConference(model, caller, sessionId, params);
    default: {
      const unhandled: never = name;
      throw new Error(`operation ${String(unhandled)} has no handler`);
    }
  }
}
