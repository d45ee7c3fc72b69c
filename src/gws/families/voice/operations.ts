import type { AgentOperation, CreatingOperation, CustomerOperation } from '../../operations/operation';
import { answer } from './answer';
import { customerAnswer, customerHangup, customerRefuse, incomingCall } from './customer';
import { dial } from './dial';
import { muteCall, sendDtmf, unmuteCall } from './dtmf-mute';
import { hangup } from './hangup';
import { hold, retrieve } from './hold';
import { pauseCallRecording, resumeCallRecording, startCallRecording, stopCallRecording } from './recording';
import { reject } from './reject';
import { attachCallUserData, deleteCallUserData, deleteUserDataPair, updateCallUserData } from './user-data';

/**
 * A call's operations (the "Call Control" pages), the agent's in the order GWS's samples list
 * capabilities (Answer, Hold... Hangup, UpdateUserData, then mute and recording), then the customer's.
 */
export const VOICE_OPERATIONS: readonly (AgentOperation | CreatingOperation | CustomerOperation)[] = [
  dial,
  answer,
  reject,
  hold,
  retrieve,
  sendDtmf,
  deleteCallUserData,
  attachCallUserData,
  deleteUserDataPair,
  hangup,
  updateCallUserData,
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
