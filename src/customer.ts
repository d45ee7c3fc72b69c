import { DEFAULT_MEDIA, MediaName } from './gws/families';
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
  /**
   * The user name of the agent the session is offered to. A chat may leave it out: it goes to an
   * agent Ready on the chat channel (round robin), or waits until one is.
   */
  offerTo?: string;
  /** The customer's nickname; default Customer. */
  customer?: string;
  /** The customer's first message. */
  text?: string;
  /** 'facebook' (the default) or 'chat'. */
  media?: MediaName;
}

/**
 * The customer's side, outside the GWS API (as POST /sim/facebooksessions... and /sim/chats...
 * are): an arrival offered to an agent, and what the customer then does in the session, whose id
 * tells its medium. A refusal throws the GwsError.
 */
export function customerControls(model: GwsModel, play: (outcome: OperationOutcome) => void) {
  const act = (name: string, sessionId: string | undefined, body: object, media: MediaName) => {
    const outcome = performCustomer(model, name, sessionId, body, media);
    play(outcome);
    return outcome;
  };
  const inSession = (sessionId: string, name: string, body: object = {}) => void act(name, sessionId, body, model.session(sessionId).media);
  return {
    /** Offers a new session to an agent (its state Invited), or to routing; returns the session's id. */
    offer: ({ media = DEFAULT_MEDIA, ...options }: OfferOptions): string => String(act('Offer', undefined, options, media).answer.id),
    customer: (sessionId: string): CustomerHandle => ({
      say: (text) => inSession(sessionId, 'CustomerMessage', { text }),
      startTyping: () => inSession(sessionId, 'CustomerStartTyping'),
      stopTyping: () => inSession(sessionId, 'CustomerStopTyping'),
      leave: () => inSession(sessionId, 'CustomerLeave'),
    }),
  };
}
