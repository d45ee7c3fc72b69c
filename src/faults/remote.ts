import type { Fault } from './types';

/** Arms faults on a gws-sim running at `base` (POST /sim/faults); rejects with the server's reason. */
export async function armRemoteFaults(base: string, headers: Record<string, string>, faults: readonly Fault[]): Promise<void> {
  const url = `${base}/sim/faults`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ faults }) });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`cannot reach ${url}: ${cause ?? (error as Error).message}`);
  }
  const text = await response.text();
  let answer: { statusCode?: unknown; statusMessage?: unknown } | undefined;
  try {
    answer = JSON.parse(text);
  } catch {
    // said below
  }
  if (answer?.statusCode === 0) return;
  const why = typeof answer?.statusMessage === 'string' ? answer.statusMessage : `HTTP ${response.status}: ${text.slice(0, 200)}`;
  throw new Error(`${url} did not arm the faults: ${why}`);
}
