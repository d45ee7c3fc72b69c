'use strict';
/**
 * The official CometD client (`cometd` + `cometd-nodejs-client`) behind the same interface as
 * RawBayeuxClient: for the correctness-sensitive runs. Both packages are ES modules only.
 */
const { ownBrowserCookie } = require('../../../dist/client/browser-cookie');

let loaded;
async function load() {
  if (!loaded) {
    loaded = (async () => {
      const { adapt } = await import('cometd-nodejs-client');
      adapt();
      return (await import('cometd')).CometD;
    })();
  }
  return loaded;
}

class OfficialCometdClient {
  constructor({ endpoint, transport, ext, channel, onMessage }) {
    Object.assign(this, { endpoint, transport, ext, channel, onMessage });
  }

  async connect() {
    const CometD = await load();
    const cometd = new CometD();
    this.cometd = cometd;
    for (const type of cometd.getTransportTypes()) if (type !== this.transport) cometd.unregisterTransport(type);
    cometd.configure({ url: this.endpoint, logLevel: 'warn' });
    // A jar of its own (the Node client's is shared by the process): gws-sim binds a long-polling session to its cookie.
    ownBrowserCookie(cometd, this.endpoint);
    const handshake = await new Promise((resolve) => cometd.handshake(this.ext ? { ext: this.ext } : {}, resolve));
    if (!handshake.successful) throw new Error(`handshake failed: ${JSON.stringify(handshake)}`);
    const subscribe = await new Promise((resolve) => cometd.subscribe(this.channel, (m) => this.onMessage(m), resolve));
    if (!subscribe.successful) throw new Error(`subscribe failed: ${JSON.stringify(subscribe)}`);
  }

  close() {
    if (this.cometd && this.cometd.getStatus() !== 'disconnected') this.cometd.disconnect();
  }
}

module.exports = { OfficialCometdClient };
