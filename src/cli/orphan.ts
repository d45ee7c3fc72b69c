/**
 * npm runs a package's bin (npx, npm exec, npm run) as `sh -c '<bin> args'` and forwards SIGINT/SIGTERM to that
 * shell only. dash, Debian's sh, does not pass them on: it dies and leaves this process running, holding its port.
 * So a process started by npm stops when the process that started it is gone (its parent changes).
 */

/** How often the parent is checked: a killed `npx` frees the port within about this. */
const CHECK_MS = 250;

/**
 * Calls `stop` once if this process was started by an npm script or npx (npm sets `npm_lifecycle_event`) and its
 * parent process goes away. A process started otherwise (a shell, `nohup`, a service manager) is never stopped.
 */
export function stopWhenOrphaned(stop: (reason: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  const event = env.npm_lifecycle_event;
  if (event === undefined || process.platform === 'win32') return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop(`the process that started it is gone (npm's "${event}" was stopped, and its shell did not pass the signal on)`);
  }, CHECK_MS);
  timer.unref();
}
