import { MESSAGING } from '../../operations/messaging';
import { onMedium } from '../../operations/operation';

/** A Facebook session's operations: those it shares with chats. */
export const FACEBOOK_OPERATIONS = MESSAGING.map((shared) => onMedium(shared, 'facebook'));
