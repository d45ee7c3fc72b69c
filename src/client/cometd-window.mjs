// Injected by esbuild into dist/vendor/cometd.cjs in place of the global `window` the CometD
// client reads its timers, XMLHttpRequest and WebSocket from. cometd-nodejs-client's adapt()
// would install that object on the global object (and set console.debug to console.log):
// users' test runners then see a global appear, and Jest warns when the client touches it
// after a test file ends. This private one changes nothing outside the bundle.
import { WebSocket } from 'ws';
import { XMLHttpRequest as NodeXMLHttpRequest } from 'cometd-nodejs-client/src/XMLHttpRequest.js';

const options = { globalCookies: {} };

export const window = {
  setTimeout: (...args) => setTimeout(...args),
  clearTimeout: (...args) => clearTimeout(...args),
  console: {
    debug: (...args) => console.log(...args),
    log: (...args) => console.log(...args),
    info: (...args) => console.info(...args),
    // The client warns 'Could not negotiate transport' when its handshake gets no answer; the
    // Agent says why in its own error (what failed and what to do), so this line is noise.
    warn: (...args) => {
      if (!/^Could not negotiate transport/.test(String(args[1]))) console.warn(...args);
    },
    error: (...args) => console.error(...args),
  },
  XMLHttpRequest: class extends NodeXMLHttpRequest {
    constructor() {
      super(options);
    }
  },
  WebSocket,
};
