import type { Catalog, SessionOf, SessionView, SimState } from './types';

/** A GWS answer: statusCode 0 with what the operation returns, or a refusal's statusCode and statusMessage. */
export interface Answer {
  statusCode: number;
  statusMessage?: string;
  [field: string]: unknown;
}

/**
 * A call of the simulator's /sim controls, from the page's own origin: the browser sends the
 * admin cookie, and the Origin the /sim rules accept. A failure to answer is an answer too.
 */
export async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    return (await response.json()) as Answer;
  } catch (error) {
    return { statusCode: -1, statusMessage: `the simulator did not answer (${(error as Error).message}); is it still running?` };
  }
}

/** The simulator's state, or the refusal (an admin token gone, a simulator stopped) in words. */
export async function loadState(): Promise<{ state: SimState } | { problem: string }> {
  const answer = await call('GET', '/sim/state');
  return answer.statusCode === 0 ? { state: answer.state as SimState } : { problem: describeAnswer(answer) };
}
export const loadCatalog = async () => (await call('GET', '/sim/operations')) as unknown as Catalog;

/** Every session of the state, of every medium the catalog lists (the state has them per collection). */
export function sessionsOf(state: SimState | undefined, catalog: Catalog | undefined): SessionOf[] {
  if (!state || !catalog) return [];
  return catalog.media.flatMap((media) => ((state[media.collection] as SessionView[] | undefined) ?? []).map((session) => ({ ...session, media })));
}

/** What an answer says, on one line. */
export function describeAnswer(answer: Answer): string {
  const { statusCode, statusMessage, ...rest } = answer;
  if (statusCode !== 0) return `statusCode ${statusCode}: ${statusMessage ?? 'refused'}`;
  const extra = Object.entries(rest).map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return ['statusCode 0', ...extra].join(' · ');
}
