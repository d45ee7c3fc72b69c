/** One Server-Sent Event of GET /sim/events: its id and its parsed data. */
export interface FeedFrame {
  id: number;
  data: any;
}

/**
 * Reads the simulator's feed as an EventSource would, until `until` holds for the events read
 * (or `timeoutMs` passes, or the stream ends); then closes the connection.
 */
export async function readFeed(url: string, until: (frames: FeedFrame[]) => boolean, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<FeedFrame[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let text = '';
  const frames = () =>
    text
      .split('\n\n')
      .filter((frame) => frame.includes('data: '))
      .map((frame) => ({ id: Number(/^id: (\d+)$/m.exec(frame)?.[1]), data: JSON.parse(/^data: (.*)$/m.exec(frame)![1]) }));
  try {
    const response = await fetch(url, { signal: controller.signal, headers });
    if (!/^text\/event-stream/.test(response.headers.get('content-type') ?? '')) throw new Error(`not an event stream: HTTP ${response.status} ${await response.text()}`);
    const reader = response.body!.getReader();
    while (!until(frames())) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return frames();
}
