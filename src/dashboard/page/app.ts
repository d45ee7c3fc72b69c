import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Agents } from './agents';
import { call, loadCatalog, loadState, sessionsOf } from './api';
import { Controls } from './controls';
import { useFeed, type FeedStatus } from './feed';
import { follow, needsRead } from './follow';
import { html } from './html';
import { Sessions } from './sessions';
import { EventDetails, Timeline } from './timeline';
import type { Catalog, FeedEvent, SimState } from './types';

/** Between two reads of the state while events that need one keep coming. */
const REFRESH_PAUSE_MS = 500;

const STATUS: Record<FeedStatus, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', closed: 'feed closed: reload the page' };

/** The whole page: agents and sessions, the live timeline with the selected event's JSON, the controls. */
export function App() {
  const [catalog, setCatalog] = useState<Catalog | undefined>(undefined);
  const [state, setState] = useState<SimState | undefined>(undefined);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  // Events that come while the state is being read are applied again to what the read gives.
  const sinceRead = useRef<FeedEvent[] | undefined>(undefined);
  const latest = useRef(state);
  latest.current = state;
  const refresh = useStateRefresh(
    () => (sinceRead.current = []),
    (read) => {
      if ('state' in read) setState(follow(read.state, sinceRead.current ?? []));
      sinceRead.current = undefined;
      setProblem('problem' in read ? read.problem : undefined);
    },
  );
  // The page follows the state by the feed's events; it reads it all only when they do not say enough.
  const feed = useFeed(
    (batch) => {
      sinceRead.current?.push(...batch);
      setState((current) => current && follow(current, batch));
      if (needsRead(batch, latest.current)) refresh();
    },
    () => refresh(),
  );
  useEffect(() => {
    void loadCatalog().then(setCatalog);
  }, []);

  const sessions = sessionsOf(state, catalog);
  const event = feed.events.find((e) => e.id === selected);
  const reset = async () => {
    await call('POST', '/sim/reset');
    refresh();
  };
  return html`
    <div class="app">
      <header class="top">
        <h1>gws-sim</h1>
        <span id="feed-status" class=${`status status-${feed.status}`}>${STATUS[feed.status]}</span>
        <span class="endpoints muted">REST <code>${location.origin}/api/v2</code> · CometD <code>${location.origin}/api/v2/notifications</code>${state && ` · time scale ${state.timeScale}, ${state.clock} clock`}</span>
        <span class="spacer"></span>
        <button type="button" id="reset" class="danger" onClick=${reset}>Reset</button>
      </header>
      ${problem && html`<p class="problem" role="alert">Cannot read the simulator's state: ${problem}</p>`}
      ${!state || !catalog
        ? html`<main class="loading"><p>${problem ? 'Reload the page once the simulator answers.' : "Reading the simulator's state…"}</p></main>`
        : html`<main class="columns">
            <div class="column left">
              <${Agents} state=${state} sessions=${sessions} deviceChannel=${catalog.deviceChannel} />
              <${Sessions} sessions=${sessions} users=${state.users} />
            </div>
            <div class="column center">
              <${Timeline} feed=${feed} media=${catalog.media} agents=${state.users.map((u) => u.userName)} sessions=${sessions.map((s) => s.id)} selected=${selected} onSelect=${setSelected} />
              ${event && html`<${EventDetails} event=${event} onClose=${() => setSelected(undefined)} />`}
            </div>
            <div class="column right">
              <${Controls} catalog=${catalog} state=${state} sessions=${sessions} changed=${refresh} />
            </div>
          </main>`}
    </div>
  `;
}

/** Reads GET /sim/state on demand: one read at a time, and one more if asked meanwhile. */
function useStateRefresh(onStart: () => void, onRead: (read: Awaited<ReturnType<typeof loadState>>) => void): () => void {
  const reading = useRef(false);
  const again = useRef(false);
  return useCallback(() => {
    if (reading.current) {
      again.current = true;
      return;
    }
    reading.current = true;
    void (async () => {
      do {
        again.current = false;
        onStart();
        onRead(await loadState());
        if (again.current) await new Promise((resolve) => setTimeout(resolve, REFRESH_PAUSE_MS));
      } while (again.current);
      reading.current = false;
    })();
  }, []);
}
