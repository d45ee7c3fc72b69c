'use strict';
/**
 * The floor: bare faye with the simulator's adapter options, and one HTTP trigger that publishes
 * the documented payloads (3 to the caller, 4 to the target) to per-user channels `/u/<userId>`
 * at once. No REST API, authentication, model, scenario engine or routing extension.
 */
const http = require('node:http');
const faye = require('faye');
const { SEED_PAYLOADS } = require('./fixture');

const MOUNT = '/api/v2/notifications';

async function startBaseline({ host = '127.0.0.1', port = 0 } = {}) {
  const bayeux = new faye.NodeAdapter({ mount: MOUNT, timeout: 45, ping: 25 });
  const client = bayeux.getClient();
  const publish = (userId, payloads) => {
    const timestamp = Date.now();
    for (const payload of payloads) client.publish(`/u/${userId}`, { ...payload, timestampSeconds: timestamp });
  };

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/trigger') {
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      // As the simulator does at time scale 0: answer, then publish.
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ statusCode: 0 }));
      publish(body.caller, SEED_PAYLOADS.caller);
      publish(body.target, SEED_PAYLOADS.target);
    });
  });
  bayeux.attach(server);

  // faye's in-process client handshakes on its first publish: do that before taking load.
  await client.publish('/warm-up', {});
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  return {
    url,
    close() {
      return new Promise((resolve) => {
        client.disconnect();
        bayeux.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

module.exports = { startBaseline };
