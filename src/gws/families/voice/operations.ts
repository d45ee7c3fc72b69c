import type { AgentOperation, CreatingOperation, CustomerOperation } from '../../operations/operation';
import { answer } from './answer';
import { clearCall } from './clear-call';
import { completeConference, completeTransfer } from './complete';
import { initiateConference, initiateTransfer } from './initiate';
import { removeParticipantFromCall } from './remove-participant';
import { singleStepConference, singleStepTransfer } from './single-step';
import { swapCalls } from './swap-calls';
import { customerAnswer, customerHangup, customerRefuse, incomingCall } from './customer';
import { dial } from './dial';
import { muteCall, sendDtmf, unmuteCall } from './dtmf-mute';
import { hangup } from './hangup';
import { hold, retrieve } from './hold';
import { pauseCallRecording, resumeCallRecording, startCallRecording, stopCallRecording } from './recording';
import { reject } from './reject';
import { attachCallUserData, deleteCallUserData, deleteUserDataPair, updateCallUserData } from './user-data';

/**
 * A call's operations (the "Call Control" pages), the agent's in the order GWS's Answer and Hold
 * samples list capabilities (SingleStepTransfer, InitiateConference, Hold... Hangup,
 * UpdateUserData), then those of consultations and conferences, mute and recording; then the customer's.
 */
export const VOICE_OPERATIONS: readonly (AgentOperation | CreatingOperation | CustomerOperation)[] = [
  dial,
  answer,
  reject,
  singleStepTransfer,
  initiateConference,
  hold,
  retrieve,
  singleStepConference,
  initiateTransfer,
  sendDtmf,
  deleteCallUserData,
  attachCallUserData,
  deleteUserDataPair,
  hangup,
  updateCallUserData,
  swapCalls,
  completeTransfer,
  completeConference,
  clearCall,
  removeParticipantFromCall,
  muteCall,
  unmuteCall,
  startCallRecording,
  pauseCallRecording,
  resumeCallRecording,
  stopCallRecording,
  incomingCall,
  customerHangup,
  customerAnswer,
  customerRefuse,
];
