import { customerLeave } from './customer/customer-leave';
import { customerMessage } from './customer/customer-message';
import { customerStartTyping, customerStopTyping } from './customer/customer-typing';
import { offer } from './customer/offer';
import type { AgentOperation, CustomerOperation, Shared } from './operation';
import { accept } from './session/accept';
import { addComment } from './session/add-comment';
import { complete } from './session/complete';
import { consult } from './session/consult';
import { leave } from './session/leave';
import { reject } from './session/reject';
import { removeParticipantFromConference } from './session/remove-participant-from-conference';
import { sendMessage } from './session/send-message';
import { sendStartTypingNotification } from './session/send-start-typing-notification';
import { sendStopTypingNotification } from './session/send-stop-typing-notification';
import { sendToAgents } from './session/send-to-agents';
import { setDisposition } from './session/set-disposition';
import { transfer } from './session/transfer';
import { attachUserData, deleteUserData, updateUserData } from './session/user-data';

/**
 * The operations GWS offers on a Facebook session and on a chat alike, in the order capabilities
 * list them, and what the customer does: one definition each, which both families register.
 */
export const MESSAGING: readonly Shared<AgentOperation | CustomerOperation>[] = [
  accept,
  reject,
  sendMessage,
  sendToAgents,
  sendStartTypingNotification,
  sendStopTypingNotification,
  consult,
  transfer,
  leave,
  complete,
  removeParticipantFromConference,
  setDisposition,
  attachUserData,
  updateUserData,
  deleteUserData,
  addComment,
  offer,
  customerMessage,
  customerStartTyping,
  customerStopTyping,
  customerLeave,
];
