import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { User } from '../gws/fixture';
import type { GwsModel } from '../gws/model';

export const SESSION_COOKIE = 'JSESSIONID';

export interface Credentials {
  userName: string;
  password: string;
}

/** What the CometD handshake checks besides credentials (README "Security and limits"). */
export interface AuthPolicy {
  /** Origins, besides the simulator's own, whose cookie- or Basic-authenticated handshakes are accepted; "*": any. */
  allowOrigins: readonly string[];
  /** CometD sessions one agent may hold at once; the next handshake is refused. */
  maxSessionsPerAgent: number;
}

export const DEFAULT_POLICY: AuthPolicy = Object.freeze({ allowOrigins: [], maxSessionsPerAgent: 32 });

export type AuthResult = { ok: true; user: User } | { ok: false; reason: string };

const NO_CREDENTIALS = `no credentials were sent; use HTTP Basic userName:password, or the ${SESSION_COOKIE} cookie that GET /api/v2/me sets`;

/**
 * Who is calling: HTTP Basic on REST calls, then the JSESSIONID cookie that a Basic-authenticated
 * call receives; the CometD handshake also accepts credentials in its `ext`.
 */
export class Authenticator {
  /** Each user's JSESSIONID now, and back: every user has one, signed, so that every node of a cluster knows it. */
  private readonly sessionOfUser = new Map<string, string>();
  private readonly userOfSession = new Map<string, string>();
  /** How many times each user's HTTP session ended: its JSESSIONID is signed with it. */
  private readonly ended = new Map<string, number>();

  constructor(
    private readonly model: GwsModel,
    readonly policy: AuthPolicy = DEFAULT_POLICY,
    /** What JSESSIONIDs and CSRF tokens are signed with: the cluster's own (shared in Redis), or this process's. */
    private readonly secret: Buffer = randomBytes(32),
  ) {}

  /** Credentials first (a wrong password is refused even with a valid cookie), then the cookie. */
  fromHeaders(headers: IncomingHttpHeaders): AuthResult {
    if (headers.authorization !== undefined) return this.check(basicCredentials(headers.authorization));
    const sessionId = cookie(headers.cookie, SESSION_COOKIE);
    if (sessionId === undefined) return { ok: false, reason: NO_CREDENTIALS + crossSiteHint(headers) };
    const user = this.model.userById(this.userOfSessionId(sessionId) ?? '');
    if (!user) return { ok: false, reason: `the ${SESSION_COOKIE} cookie is not a session of this simulator; log in again with HTTP Basic` };
    return { ok: true, user };
  }

  check(credentials: Credentials | string): AuthResult {
    if (typeof credentials === 'string') return { ok: false, reason: credentials };
    const user = this.model.userByName(credentials.userName);
    if (!user) return { ok: false, reason: `no user named '${credentials.userName}'` };
    if (user.password !== credentials.password) return { ok: false, reason: `wrong password for '${credentials.userName}'` };
    return { ok: true, user };
  }

  /**
   * The user's JSESSIONID: one per user, reused by every login, so that clients that send
   * Basic on every call (curl -u) cannot grow the simulator without bound.
   */
  openSession(user: User): string {
    return this.sessionOf(user);
  }

  /** The user's JSESSIONID now: signed with the secret and how many times its session ended. */
  sessionOf(user: User): string {
    let sessionId = this.sessionOfUser.get(user.id);
    if (sessionId === undefined) {
      sessionId = this.sign(`session:${user.id}:${this.ended.get(user.id) ?? 0}`).toUpperCase();
      this.sessionOfUser.set(user.id, sessionId);
      this.userOfSession.set(sessionId, user.id);
    }
    return sessionId;
  }

  /**
   * Ends the user's HTTP session (EndContactCenterSession, as GWS's page says): its JSESSIONID and
   * CSRF token are refused from now on; the next Basic-authenticated call gets a new one.
   */
  endSession(user: User): void {
    const sessionId = this.sessionOfUser.get(user.id);
    if (sessionId !== undefined) this.userOfSession.delete(sessionId);
    this.sessionOfUser.delete(user.id);
    this.ended.set(user.id, (this.ended.get(user.id) ?? 0) + 1);
  }

  /** How many times each user's session ended, for a cluster's snapshot. */
  saved(): [string, number][] {
    return [...this.ended];
  }

  restore(ended: [string, number][]): void {
    this.sessionOfUser.clear();
    this.userOfSession.clear();
    this.ended.clear();
    for (const [userId, times] of ended) this.ended.set(userId, times);
  }

  /** The CSRF token of the user's session (one per JSESSIONID, as GWS has it). */
  csrfToken(user: User): string {
    const hex = this.sign(`csrf:${this.sessionOf(user)}`);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }

  /** Whose JSESSIONID this is: found among those made here, else among every user's (made on another node of a cluster). */
  private userOfSessionId(sessionId: string): string | undefined {
    const known = this.userOfSession.get(sessionId);
    if (known !== undefined || !/^[0-9A-F]{32}$/.test(sessionId) || this.userOfSession.size === this.model.users.length) return known;
    for (const user of this.model.users) this.sessionOf(user);
    return this.userOfSession.get(sessionId);
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('hex').slice(0, 32);
  }
}

/**
 * Why a browser sent no cookie: a page of another site (another host name: localhost is not
 * 127.0.0.1) never sends the SameSite=Lax JSESSIONID with its requests.
 */
function crossSiteHint(headers: IncomingHttpHeaders): string {
  const page = hostOf(headers.origin);
  const here = hostOf(headers.host === undefined ? undefined : `http://${headers.host}`);
  if (page === undefined || here === undefined || siteOf(page) === siteOf(here)) return '';
  return (
    `. The request came from a page of ${headers.origin}, another site than ${here}: the browser keeps the ${SESSION_COOKIE} cookie ` +
    `(SameSite=Lax) off it. Open the page on ${here} (same host name, any port), or send HTTP Basic (an Authorization header; for CometD, ` +
    `cometd.configure({requestHeaders})) or credentials in the handshake ext`
  );
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url === undefined ? undefined : new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** The part of a host name browsers compare for SameSite: an IP or single label as it is, else its last two labels (no public suffix list). */
function siteOf(hostname: string): string {
  if (/^[\d.]+$|:/.test(hostname) || !hostname.includes('.')) return hostname;
  return hostname.split('.').slice(-2).join('.');
}

/** The credentials of an `Authorization: Basic` header, or why there are none. */
export function basicCredentials(header: string): Credentials | string {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return 'the Authorization header is not HTTP Basic (expected "Basic base64(userName:password)")';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'the Basic credentials have no ":" between userName and password';
  return { userName: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
