import type { BayeuxMessage, Extension } from 'faye';

type Stage = 'incoming' | 'outgoing';

/**
 * gws-sim's extensions as one faye extension, run in order. None of them acts on the simulator's
 * own in-process client (`request` null: its publishes of notifications and their replies), so
 * those pass through at once: faye pipes every message through every extension with a closure
 * each, and each notification crosses the pipeline twice that way (its publish and the reply).
 */
export function chain(extensions: readonly Extension[]): Extension {
  const stages = (stage: Stage) => extensions.flatMap((e) => (e[stage] ? [e[stage]!.bind(e)] : []));
  const incoming = stages('incoming');
  const outgoing = stages('outgoing');
  const run = (steps: typeof incoming) => (message: BayeuxMessage, request: Parameters<NonNullable<Extension['incoming']>>[1], callback: (message: BayeuxMessage) => void) => {
    if (request === null) return callback(message);
    let next = 0;
    const step = (current: BayeuxMessage) => (next < steps.length ? steps[next++](current, request, step) : callback(current));
    step(message);
  };
  return { incoming: run(incoming), outgoing: run(outgoing) };
}
