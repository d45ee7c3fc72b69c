import { gwsError } from '../../errors';
import type { User } from '../fixture';
import { agentOf, agentsOf, snapshot, type GwsModel, type OperationOutcome } from '../model';

const USER_URI = /^https?:\/\/[^/\s]+\/api\/v2\/users\/([^/?#\s]+)$/;
const USER_PATH = /^\/users\/([^/?#\s]+)$/;
const TARGET_HINT = 'give targetUri "<base>/api/v2/users/<userId>" or targetPath "/users/<userId>"';

/**
 * RemoveParticipantFromConference: only an agent visible to All (customer and agents) may remove
 * another agent. The removed agent leaves; the log gains a Notice from the caller
 * (`REMOVE_PARTICIPANT_FROM_CONFERENCE<userId>`) and a ParticipantLeft from the removed agent,
 * both visible to agents only.
 */
export function removeParticipantFromConference(
  model: GwsModel,
  caller: User,
  sessionId: string,
  params: Record<string, unknown>,
): OperationOutcome {
  const { session, participant: callerParticipant } = model.sessionFor(caller, sessionId);
  const targetUserId = targetOf(params);

  if (callerParticipant.visibility !== 'All') {
    const allowed = agentsOf(session)
      .filter((p) => p.visibility === 'All')
      .map((p) => model.userById(p.userId)?.userName ?? p.userId);
    throw gwsError('VISIBILITY_NOT_ALL', callerParticipant.visibility, allowed.join(', '));
  }
  if (targetUserId === caller.id) throw gwsError('TARGET_IS_CALLER', sessionId);
  const target = agentOf(session, targetUserId);
  if (!target) {
    const left = session.departed.some((p) => p.type === 'Agent' && p.userId === targetUserId);
    throw gwsError(left ? 'TARGET_ALREADY_REMOVED' : 'TARGET_NOT_IN_SESSION', targetUserId, sessionId);
  }

  session.participants = session.participants.filter((p) => p !== target);
  session.departed.push(target);
  const notice = model.log(
    session,
    { type: 'Notice', from: callerParticipant.participantId, text: `REMOVE_PARTICIPANT_FROM_CONFERENCE${targetUserId}`, visibility: 'Agents' },
    callerParticipant,
  );
  const participantLeft = model.log(
    session,
    { type: 'ParticipantLeft', from: target.participantId, visibility: 'Agents' },
    target,
  );

  const others = agentsOf(session).filter((p) => p !== callerParticipant);
  return {
    operation: 'RemoveParticipantFromConference',
    referenceId: model.nextReferenceId(),
    session: snapshot(session),
    caller: callerParticipant,
    target,
    messages: { notice, participantLeft },
    recipients: [
      { role: 'caller', userId: caller.id },
      { role: 'target', userId: target.userId },
      ...others.map((p) => ({ role: 'others' as const, userId: p.userId })),
    ],
  };
}

function targetOf(params: Record<string, unknown>): string {
  const { targetUri, targetPath } = params;
  if (targetUri === undefined && targetPath === undefined) throw gwsError('MISSING_PARAMETER', 'targetUri', TARGET_HINT);
  const [name, value, pattern] =
    targetUri !== undefined ? (['targetUri', targetUri, USER_URI] as const) : (['targetPath', targetPath, USER_PATH] as const);
  if (typeof value !== 'string') throw gwsError('INVALID_PARAMETER', name, `expected a string; ${TARGET_HINT}`);
  const match = pattern.exec(value.trim());
  if (!match) throw gwsError('INVALID_PARAMETER', name, `'${value}' is not a user; ${TARGET_HINT}`);
  try {
    return decodeURIComponent(match[1]);
  } catch {
    throw gwsError('INVALID_PARAMETER', name, `'${value}' has a malformed percent-encoding; ${TARGET_HINT}`);
  }
}
