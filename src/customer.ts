import { performAtOnce, type Ledger } from './ledger/ledger';
import { DEFAULT_MEDIA, familyNamed, type MediaName } from './gws/families';
import type { GwsModel } from './gws/model';
import { CUSTOMER_ACTIONS, customerActionsOf, type CustomerAction } from './gws/operations/customer/actions';
import { parametersOf } from './gws/operations/describe';
import { customerOperations, type OperationOutcome } from './gws/operations/registry';

/**
 * What the customer does in a session or call, from a test: each returns once the agents'
 * notifications are scheduled. A chat's customer says, types and leaves; a call's hangs up, and
 * answers or refuses an outbound call. An action the interaction does not have throws, naming those it has.
 */
export interface CustomerHandle {
  say(text: string): void;
  startTyping(): void;
  stopTyping(): void;
  leave(): void;
  hangup(): void;
  answer(): void;
  refuse(): void;
}

export interface OfferOptions {
  /**
   * The user name of the agent the session is offered to (a call: whose phone rings). A chat or a
   * call may leave it out: it goes to an agent Ready on its channel (round robin), or waits until one is.
   */
  offerTo?: string;
  /** A session: the customer's nickname; default Customer. */
  customer?: string;
  /** A session: the customer's first message. */
  text?: string;
  /** A call: the customer's phone number; default +14155550100. */
  from?: string;
  /** A call: its user data (attached data) from the start. */
  userData?: Record<string, unknown>;
  /** 'facebook' (the default), 'chat' or 'voice'. */
  media?: MediaName;
}

/**
 * The customer's side, outside the GWS API (as POST /sim/facebooksessions... , /sim/chats... and
 * /sim/calls... are): an arrival offered to an agent, and what the customer then does in the
 * session or call, whose id (a call's connId) tells its medium. A refusal throws the GwsError.
 */
export function customerControls(model: GwsModel, ledger: Ledger, play: (outcome: OperationOutcome) => void) {
  const act = (name: string, sessionId: string | undefined, body: object, media: MediaName) => {
    const what = sessionId === undefined ? 'sim.offer()' : `sim.customer('${sessionId}')`;
    const outcome = performAtOnce(ledger, { kind: 'customer', name, session: sessionId, body, media }, what, `POST /sim/${familyNamed(media).collection}${sessionId === undefined ? '' : '/{id}/...'}`);
    play(outcome);
    return outcome;
  };
  const inSession = (sessionId: string, action: CustomerAction, body: object = {}) => {
    const { media } = model.session(sessionId);
    const offered = customerActionsOf(media);
    if (!offered.includes(action)) {
      const noun = familyNamed(media).resource;
      throw new Error(`sim.customer('${sessionId}').${action}(): ${sessionId} is a ${noun}; its customer can ${offered.map((a) => `${a}()`).join(', ')}`);
    }
    act(CUSTOMER_ACTIONS[action], sessionId, body, media);
  };
  return {
    /** Offers a new session or call to an agent, or to routing; returns its id (a call's connId). */
    offer: ({ media = DEFAULT_MEDIA, ...options }: OfferOptions): string => {
      const offer = customerOperations(media).find((o) => o.creates)!;
      const takes = parametersOf(offer).map((p) => p.name);
      const foreign = Object.entries(options).filter(([key, value]) => value !== undefined && !takes.includes(key)).map(([key]) => key);
      if (foreign.length > 0) throw new Error(`sim.offer(): a ${familyNamed(media).resource} (media '${media}') takes no ${foreign.join(', ')}; it takes ${takes.join(', ')}`);
      return String(act(offer.name, undefined, options, media).answer.id);
    },
    customer: (sessionId: string): CustomerHandle => ({
      say: (text) => inSession(sessionId, 'say', { text }),
      startTyping: () => inSession(sessionId, 'startTyping'),
      stopTyping: () => inSession(sessionId, 'stopTyping'),
      leave: () => inSession(sessionId, 'leave'),
      hangup: () => inSession(sessionId, 'hangup'),
      answer: () => inSession(sessionId, 'answer'),
      refuse: () => inSession(sessionId, 'refuse'),
    }),
  };
}
