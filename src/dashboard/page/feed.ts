import { useEffect, useRef, useState } from 'preact/hooks';
import type { FeedEvent } from './types';

/** Events the page keeps (the server keeps 1000; a page open for long keeps a little more). */
const KEPT = 2000;
/** Events arriving together are shown together: one render per batch. */
const BATCH_MS = 30;

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface Feed {
  events: FeedEvent[];
  status: FeedStatus;
  /** When the simulator was last reset (its clock), if since the page opened or within the kept history. */
  resetAt?: number;
}

/**
 * The simulator's live feed (GET /sim/events, Server-Sent Events): the kept history first, then
 * each event as it happens. The browser reconnects by itself and resumes after the last event
 * it got. A reset empties the timeline. `onEvents` is called with each batch, `onOpen` each time
 * the feed (re)connects.
 */
export function useFeed(onEvents: (batch: FeedEvent[]) => void, onOpen: () => void): Feed {
  const [feed, setFeed] = useState<Feed>({ events: [], status: 'connecting' });
  const changed = useRef(onEvents);
  changed.current = onEvents;
  const opened = useRef(onOpen);
  opened.current = onOpen;

  useEffect(() => {
    const source = new EventSource('/sim/events');
    let pending: FeedEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      setFeed((current) => withBatch(current, batch));
      changed.current(batch);
    };
    source.onopen = () => {
      setFeed((current) => ({ ...current, status: 'live' }));
      opened.current();
    };
    source.onerror = () => setFeed((current) => ({ ...current, status: source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting' }));
    source.onmessage = (message: MessageEvent<string>) => {
      pending.push(JSON.parse(message.data) as FeedEvent);
      timer ??= setTimeout(flush, BATCH_MS);
    };
    return () => {
      source.close();
      clearTimeout(timer);
    };
  }, []);
  return feed;
}

function withBatch(feed: Feed, batch: FeedEvent[]): Feed {
  let events = [...feed.events];
  let resetAt = feed.resetAt;
  for (const event of batch) {
    if (event.type === 'control' && event.action === 'reset') {
      events = [];
      resetAt = event.at;
    } else if (event.type === 'gap' && event.restarted) {
      events = [];
      resetAt = undefined;
    } else {
      events.push(event);
    }
  }
  return { ...feed, events: events.length > KEPT ? events.slice(-KEPT) : events, resetAt };
}
