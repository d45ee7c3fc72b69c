import { callOperation } from './call-operation';
import type { Leg } from '../../model';
import { legOf, requireOffered, told } from './calls';
import { onEstablished } from './samples';

type Recording = Leg['recordingState'];

/**
 * The call recording operations (the CallRecording pages): each moves the agent's leg from some
 * recording states to one; told CallRecordingStateChange. Offered on an established call in a state
 * it acts from: Start when Stopped, Pause and Stop when Recording, Resume and Stop when Paused.
 */
function recordingOperation(name: string, summary: string, from: readonly Recording[], to: Recording, before: string[]) {
  return callOperation({
    name,
    summary,
    states: ['Established', 'Held'],
    offered: (standing) => from.includes(legOf(standing, standing.userId).recordingState),
    perform({ caller, session, standing }) {
      const leg = legOf(standing, caller.id);
      requireOffered(from.includes(leg.recordingState), name, caller.userName, `the recording of call ${leg.id} is ${leg.recordingState}`);
      session.legs![caller.id] = { ...leg, recordingState: to };
      return told(caller.id);
    },
    sample: (model) => onEstablished(model, name, {}, before.map((operation) => ({ operation, as: model.users[0].id, params: {} }))),
  });
}

export const startCallRecording = recordingOperation('StartCallRecording', 'Starts recording the call', ['Stopped'], 'Recording', []);
export const pauseCallRecording = recordingOperation('PauseCallRecording', 'Pauses the recording of the call', ['Recording'], 'Paused', ['StartCallRecording']);
export const resumeCallRecording = recordingOperation('ResumeCallRecording', 'Resumes a paused recording', ['Paused'], 'Recording', ['StartCallRecording', 'PauseCallRecording']);
export const stopCallRecording = recordingOperation('StopCallRecording', 'Stops recording the call', ['Recording', 'Paused'], 'Stopped', ['StartCallRecording']);
