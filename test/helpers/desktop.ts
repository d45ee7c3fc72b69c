import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const COMETD_DIR = path.dirname(require.resolve('cometd/cometd.js'));

/** The desktop's page: the official CometD browser build (an ES module) loaded by a module script, no CDN. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>desktop</title>
<script type="module">import { CometD } from '/cometd/cometd.js'; window.CometD = CometD; window.ready = true;</script>`;

export interface DesktopServer {
  origin: string;
  close(): Promise<void>;
}

/** A desktop's dev server on another loopback port: serves the page (by default one that loads node_modules/cometd) and node_modules/cometd. */
export async function startDesktopServer(page: () => string = () => PAGE): Promise<DesktopServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://desktop');
    const file = url.pathname.startsWith('/cometd/') ? path.join(COMETD_DIR, path.basename(url.pathname)) : undefined;
    if (url.pathname === '/') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(page());
    let script: Buffer;
    try {
      script = readFileSync(file ?? '');
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Debian's chromium, driven by playwright-core (no browser download), with a fresh profile (--user-data-dir) per call. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gws-sim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
