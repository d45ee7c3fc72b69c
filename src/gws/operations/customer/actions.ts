import type { MediaName } from '../../families';
import { customerOperations } from '../registry';

/**
 * What the customer does in an interaction, as scripts' `customer` steps and the harness's
 * `sim.customer(id)` name it, each a customer operation of the registry. A family offers those of
 * its customer operations it has: a chat's customer says and types, a call's hangs up.
 */
export const CUSTOMER_ACTIONS = {
  say: 'CustomerMessage',
  startTyping: 'CustomerStartTyping',
  stopTyping: 'CustomerStopTyping',
  leave: 'CustomerLeave',
  hangup: 'CustomerHangup',
  answer: 'CustomerAnswer',
  refuse: 'CustomerRefuse',
} as const;

export type CustomerAction = keyof typeof CUSTOMER_ACTIONS;

/** The actions the customer of an interaction of `media` may take. */
export function customerActionsOf(media: MediaName): CustomerAction[] {
  const names = customerOperations(media).map((o) => o.name);
  return (Object.keys(CUSTOMER_ACTIONS) as CustomerAction[]).filter((action) => names.includes(CUSTOMER_ACTIONS[action]));
}
