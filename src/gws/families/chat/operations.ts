import { MESSAGING } from '../../operations/messaging';
import { onMedium } from '../../operations/operation';
import { cancelConsult } from './cancel-consult';
import { sendCustomNotice } from './send-custom-notice';
import { sendCustomNoticeToAgents } from './send-custom-notice-to-agents';
import { sendNicknameUpdatedNotice } from './send-nickname-updated-notice';
import { sendStartTypingToAgentsNotification, sendStopTypingToAgentsNotification } from './send-typing-to-agents';

/** A chat's operations: those it shares with Facebook sessions, then its own (GWS's chat pages). */
export const CHAT_OPERATIONS = [
  ...MESSAGING.map((shared) => onMedium(shared, 'chat')),
  ...[sendCustomNotice, cancelConsult, sendCustomNoticeToAgents, sendStartTypingToAgentsNotification, sendStopTypingToAgentsNotification, sendNicknameUpdatedNotice].map((own) => onMedium(own, 'chat')),
];
