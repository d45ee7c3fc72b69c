import type { GwsModel } from './gws/model';
import { performCustomer, type OperationOutcome } from './gws/operations/registry';

/** What the customer does in a session, from a test: each resolves once the agents' notifications are scheduled. */
export interface CustomerHandle {
  say(text: string): void;
  startTyping(): void;
  stopTyping(): void;
  leave(): void;
}

export interface OfferOptions {
  /** The user name of the agent the session is offered to. */
  offerTo: string;
  /** The customer's nickname; default Customer. */
  customer?: string;
  /** The customer's first message. */
  text?: string;
}

/**
 * The customer's side, outside the GWS API (as POST /sim/facebooksessions... is): an arrival
 * offered to an agent, and what the customer then does. A refusal throws the GwsError.
 */
export function customerControls(model: GwsModel, play: (outcome: OperationOutcome) => void) {
  const act = (name: string, sessionId: string | undefined, body: object) => {
    const outcome = performCustomer(model, name, sessionId, body);
    play(outcome);
    return outcome;
  };
  return {
    /** Offers a new session to an agent (its state Invited); returns the session's id. */
    offer: (options: OfferOptions): string => String(act('Offer', undefined, options).answer.id),
    customer: (sessionId: string): CustomerHandle => ({
      say: (text) => void act('CustomerMessage', sessionId, { text }),
      startTyping: () => void act('CustomerStartTyping', sessionId, {}),
      stopTyping: () => void act('CustomerStopTyping', sessionId, {}),
      leave: () => void act('CustomerLeave', sessionId, {}),
    }),
  };
}
