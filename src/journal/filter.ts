import { z } from 'zod';
import { mismatches, parsePath } from '../scenario/expect';
import type { JournalEntry } from './wire';

/**
 * Which journaled requests to take: every field given must hold (a REST field and a Bayeux field
 * together match nothing, and are refused). `path` and `channel` take `*` for any run of
 * characters but `/`; `params` matches the REST body partially, as `expect`'s `match` does
 * (`{"nickname": "Ann"}`, `{"userData.Reason": "Billing"}`).
 */
export interface RequestFilter {
  type?: 'rest' | 'bayeux';
  /** The agent (user name) it authenticated as. */
  agent?: string;
  /** REST: GET, POST... (either case). */
  method?: string;
  /** REST: the path, e.g. `/api/v2/me/chats/*`. */
  path?: string;
  /** REST: the body's operationName. */
  operation?: string;
  /** REST: the session the path names. */
  session?: string;
  /** REST: fields of the body, by partial match. */
  params?: Record<string, unknown>;
  /** REST: the answer's HTTP status. */
  status?: number;
  /** REST: the answer's GWS statusCode. */
  statusCode?: number;
  /** Bayeux: the message's channel, e.g. `/meta/subscribe`, `/meta/*`. */
  channel?: string;
  /** Bayeux: what a subscribe or unsubscribe named, e.g. `/v2/me/chats`. */
  subscription?: string;
  /** Bayeux: a /meta/connect's connectionType. */
  connectionType?: string;
  clientId?: string;
  /** Bayeux: false for a refusal. */
  successful?: boolean;
  /** Only requests that came at or after this time (epoch ms or a Date, simulator clock). */
  since?: number | Date;
}

const REST_FIELDS = ['method', 'path', 'operation', 'session', 'params', 'status', 'statusCode'] as const;
const BAYEUX_FIELDS = ['channel', 'subscription', 'connectionType', 'clientId', 'successful'] as const;

const text = z.string().min(1).max(1024);
const FILTER_SHAPE = {
  type: z.enum(['rest', 'bayeux']).optional(),
  agent: text.optional(),
  method: text.optional(),
  path: text.optional(),
  operation: text.optional(),
  session: text.optional(),
  params: z
    .record(z.string(), z.unknown())
    .superRefine((params, ctx) => {
      for (const path of Object.keys(params)) {
        try {
          parsePath(path);
        } catch (error) {
          ctx.addIssue({ code: 'custom', path: [path], message: (error as Error).message });
        }
      }
    })
    .optional(),
  status: z.number().int().min(100).max(599).optional(),
  statusCode: z.number().int().optional(),
  channel: text.optional(),
  subscription: text.optional(),
  connectionType: text.optional(),
  clientId: text.optional(),
  successful: z.boolean().optional(),
  since: z.union([z.number().finite(), z.date()]).optional(),
};

/** A filter as scripts and the harness give it: unknown keys refused, REST and Bayeux fields not mixed. */
export const RequestFilterSchema = z.strictObject(FILTER_SHAPE).superRefine((filter, ctx) => {
  const why = mixed(filter as RequestFilter);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

/** The filter, checked: throws an Error naming `caller` and what is wrong (an unknown key, a REST field with a Bayeux one). */
export function checkedFilter(filter: RequestFilter, caller: string): RequestFilter {
  const result = RequestFilterSchema.safeParse(filter);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const known = Object.keys(FILTER_SHAPE).join(', ');
  throw new TypeError(`${caller}: ${where}${issue.code === 'unrecognized_keys' ? `no filter ${issue.keys.map((k) => `'${k}'`).join(', ')}; filters: ${known}` : issue.message}`);
}

/** GET /sim/requests' query: the same filter, as strings, but `params` (partial matching is the harness's and the scripts'). */
const { params: _bodyMatch, ...QUERY_SHAPE } = FILTER_SHAPE;
export const RequestQuerySchema = z
  .strictObject({
    ...QUERY_SHAPE,
    status: z.coerce.number().int().min(100).max(599).optional(),
    statusCode: z.coerce.number().int().optional(),
    successful: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    since: z
      .string()
      .transform((value, ctx) => {
        const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
        if (Number.isNaN(time)) ctx.addIssue({ code: 'custom', message: `expected epoch milliseconds or an ISO 8601 time such as 2026-12-06T15:00:00Z, found '${value}'` });
        return time;
      })
      .optional(),
    format: z.enum(['json', 'ndjson']).optional(),
  })
  .superRefine((filter, ctx) => {
    const why = mixed(filter as RequestFilter);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

/** Why a filter can match nothing (a REST field with a Bayeux one, or against its type), or undefined. */
function mixed(filter: RequestFilter): string | undefined {
  const rest = REST_FIELDS.find((key) => filter[key] !== undefined);
  const bayeux = BAYEUX_FIELDS.find((key) => filter[key] !== undefined);
  if (rest && bayeux) return `${rest} is a field of REST requests and ${bayeux} one of Bayeux messages: a request is one or the other`;
  if (rest && filter.type === 'bayeux') return `${rest} is a field of REST requests, not of Bayeux messages (type "bayeux")`;
  if (bayeux && filter.type === 'rest') return `${bayeux} is a field of Bayeux messages, not of REST requests (type "rest")`;
  return undefined;
}

/** The type of request a filter can match, if its fields say. */
function typeOf(filter: RequestFilter): JournalEntry['type'] | undefined {
  if (filter.type) return filter.type;
  if (REST_FIELDS.some((key) => filter[key] !== undefined)) return 'rest';
  if (BAYEUX_FIELDS.some((key) => filter[key] !== undefined)) return 'bayeux';
  return undefined;
}

/** What differs between a request and the filter: one line per field; empty when it matches. */
export function differences(filter: RequestFilter, entry: JournalEntry): string[] {
  const type = typeOf(filter);
  if (type !== undefined && type !== entry.type) return [`type: expected ${type === 'rest' ? 'a REST request' : 'a Bayeux message'}, received ${entry.type === 'rest' ? 'a REST request' : 'a Bayeux message'}`];
  const found: string[] = [];
  const differ = (field: string, expected: unknown, received: unknown) => found.push(`${field}: expected ${show(expected)}, received ${received === undefined ? 'none' : show(received)}`);
  if (filter.since !== undefined && entry.at < Number(filter.since)) differ('since', new Date(Number(filter.since)).toISOString(), new Date(entry.at).toISOString());
  if (filter.agent !== undefined && entry.agent !== filter.agent) differ('agent', filter.agent, entry.agent);
  if (entry.type === 'rest') {
    if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) differ('method', filter.method.toUpperCase(), entry.method);
    if (filter.path !== undefined && !globMatches(filter.path, entry.path)) differ('path', filter.path, entry.path);
    if (filter.operation !== undefined && entry.operation !== filter.operation) differ('operation', filter.operation, entry.operation);
    if (filter.session !== undefined && entry.session !== filter.session) differ('session', filter.session, entry.session);
    if (filter.status !== undefined && entry.status !== filter.status) differ('status', filter.status, entry.status);
    if (filter.statusCode !== undefined && entry.statusCode !== filter.statusCode) differ('statusCode', filter.statusCode, entry.statusCode);
    if (filter.params !== undefined) for (const problem of mismatches({ match: filter.params }, entry.body ?? {})) found.push(`params.${problem}`);
  } else {
    if (filter.channel !== undefined && !globMatches(filter.channel, entry.channel)) differ('channel', filter.channel, entry.channel);
    if (filter.subscription !== undefined && ![entry.subscription ?? []].flat().includes(filter.subscription)) differ('subscription', filter.subscription, entry.subscription);
    if (filter.connectionType !== undefined && entry.connectionType !== filter.connectionType) differ('connectionType', filter.connectionType, entry.connectionType);
    if (filter.clientId !== undefined && entry.clientId !== filter.clientId) differ('clientId', filter.clientId, entry.clientId);
    if (filter.successful !== undefined && entry.successful !== filter.successful) differ('successful', filter.successful, entry.successful);
  }
  return found;
}

export function matches(filter: RequestFilter, entry: JournalEntry): boolean {
  return differences(filter, entry).length === 0;
}

/** The requests that came closest to the filter without matching it: fewest differences first, then the newest. */
export function nearMisses(filter: RequestFilter, entries: readonly JournalEntry[], max = 3): { entry: JournalEntry; differences: string[] }[] {
  const type = typeOf(filter);
  return entries
    .filter((entry) => type === undefined || entry.type === type)
    .map((entry) => ({ entry, differences: differences(filter, entry) }))
    .filter((miss) => miss.differences.length > 0)
    .sort((a, b) => a.differences.length - b.differences.length || b.entry.id - a.entry.id)
    .slice(0, max);
}

/** `operation=Accept agent=agent1 params={"nickname":"Ann"}`. */
export function describeFilter(filter: RequestFilter): string {
  const fields = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${key === 'since' ? new Date(Number(value)).toISOString() : typeof value === 'string' ? value : show(value)}`);
  return fields.length === 0 ? '(any request)' : fields.join(' ');
}

/** One request on one line: `#7 12:00:01.234 agent1 POST /api/v2/me/chats/X Accept: HTTP 200, statusCode 0`. */
export function describeEntry(entry: JournalEntry): string {
  const head = `#${entry.id} ${new Date(entry.at).toISOString().slice(11, 23)} ${entry.agent ?? '(no agent)'}`;
  if (entry.type === 'rest') {
    const code = entry.statusCode === undefined ? '' : `, statusCode ${entry.statusCode}`;
    return `${head} ${entry.method} ${entry.path}${entry.operation ? ` ${entry.operation}` : ''}: HTTP ${entry.status}${code}`;
  }
  const what = [entry.subscription, entry.connectionType].filter((v) => v !== undefined).flat().join(' ');
  const verdict = entry.successful === undefined ? '' : entry.successful ? ': ok' : `: ${entry.error ?? 'refused'}`;
  return `${head} ${entry.channel}${what ? ` ${what}` : ''} over ${entry.transport}${verdict}`;
}

/** `*` stands for any run of characters but `/`; everything else is itself. */
function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${source}$`).test(value);
}

function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}
