import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Agents } from './agents';
import { call, loadCatalog, loadState, sessionsOf } from './api';
import { Controls } from './controls';
import { useFeed, type FeedStatus } from './feed';
import { html } from './html';
import { Sessions } from './sessions';
import { EventDetails, Timeline } from './timeline';
import type { Catalog, SimState } from './types';

/** Between two reads of the state while events keep coming. */
const REFRESH_PAUSE_MS = 150;

const STATUS: Record<FeedStatus, string> = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', closed: 'feed closed: reload the page' };

/** The whole page: agents and sessions, the live timeline with the selected event's JSON, the controls. */
export function App() {
  const [catalog, setCatalog] = useState<Catalog | undefined>(undefined);
  const [state, setState] = useState<SimState | undefined>(undefined);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const refresh = useStateRefresh((read) => {
    if ('state' in read) setState(read.state);
    setProblem('problem' in read ? read.problem : undefined);
  });
  const feed = useFeed(refresh);
  useEffect(() => {
    void loadCatalog().then(setCatalog);
    refresh();
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
              <${Agents} state=${state} sessions=${sessions} />
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
function useStateRefresh(onRead: (read: Awaited<ReturnType<typeof loadState>>) => void): () => void {
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
        onRead(await loadState());
        if (again.current) await new Promise((resolve) => setTimeout(resolve, REFRESH_PAUSE_MS));
      } while (again.current);
      reading.current = false;
    })();
  }, []);
}
