/**
 * An interaction family: one kind of GWS interaction (Facebook sessions, chats, calls), declared
 * once in its folder under families/. Everything that lists interactions (routes, the model's
 * reset, the state, trigger's choices, forms, the loader, the CLI) derives from the list in
 * families/index.ts; a family's own operations are registered beside it (operations.ts).
 */
export interface Family {
  name: MediaName;
  /** The REST collection under /api/v2/me, and the older spellings GWS pages also use. */
  collection: Collection;
  aliases: readonly string[];
  /** The resource's key in REST answers and notifications, and its path prefix. */
  resource: string;
  /** The GWS CometD topic its notifications are published on. */
  topic: string;
  /** The messageType of its state-change notifications (StatusChange, ParticipantsUpdated, Error...). */
  stateMessageType: string;
  /**
   * The fields of a session resource as GWS writes it, in the order of the documentation's
   * samples (a field the session does not have, such as a comment never set, is left out). A
   * family whose resource is per agent (a call) writes it with its own wire instead.
   */
  resourceFields: readonly ResourceField[];
  /**
   * The agent channel (`POST /api/v2/me/channels/{channel}`) whose Ready agents are offered new
   * interactions of this family, round robin; none: gws-sim routes nothing, an offer names its agent.
   */
  channel?: string;
  /** Where its operations' stream files are shipped, under scenarios/ ('' for scenarios/ itself). */
  streamDir: string;
  /** The fixture's list of its interactions at start (none: the family starts with none). */
  fixtureKey?: 'facebooksessions' | 'chats';
  /** The agent's state once offered, until it answers; and once it is done with the interaction. */
  invitedState: AgentState;
  finalState: AgentState;
  /**
   * Each agent has its own resource, with its own id, for the one interaction (GWS's calls: each
   * party's call). The REST path and the notifications name the agent's leg, not the interaction.
   */
  legPerAgent: boolean;
  /** How an agent ends one, for refusals that ask it to (EndContactCenterSession with one open). */
  endedBy: string;
}

/** The interaction families gws-sim simulates: a closed set, one folder each. */
export type MediaName = 'facebook' | 'chat' | 'voice';
/** Their REST collections, which GET /sim/state also names its lists after. */
export type Collection = 'facebooksessions' | 'chats' | 'calls';

/**
 * An agent's state in an interaction. Messaging (Facebook, chat): `Invited` (offered, not yet
 * accepted: the simulator's name, no page names it), Chatting, LeftChat, Completed. Voice: the
 * call states of GWS's CallStateChangeMessage.
 */
export type MessagingState = 'Invited' | 'Chatting' | 'LeftChat' | 'Completed';
export type CallState = 'Dialing' | 'Ringing' | 'Established' | 'Held' | 'Released';
export type AgentState = MessagingState | CallState;

export type ResourceField =
  | 'userData'
  | 'comment'
  | 'receivedDate'
  | 'facebooksessionType'
  | 'suggestedQueueUris'
  | 'capabilities'
  | 'uri'
  | 'state'
  | 'revelantResponseTemplateGroups'
  | 'participants'
  | 'id';
