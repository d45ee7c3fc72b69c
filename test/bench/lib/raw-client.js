'use strict';
/**
 * A lean Bayeux client for big fan-out runs: real Bayeux 1.0 (handshake, subscribe, then a
 * /meta/connect loop) over a websocket (`ws`) or HTTP long-polling, with none of the official
 * client's batching, listeners, or extensions. It answers the server's connect replies as the
 * protocol asks and hands each delivered message to `onMessage(message, arrivedAt)`.
 */
const http = require('node:http');
const WebSocket = require('ws');

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * POSTs JSON; retries once when a kept-alive socket turns out to have been closed by the server
 * meanwhile (ECONNRESET on a reused socket: the request never reached it; see Node's
 * `request.reusedSocket`).
 */
function postJson(url, body, headers = {}, retried = false) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, ...headers } },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          try {
            const cookie = response.headers['set-cookie']?.[0]?.split(';')[0];
            resolve({ status: response.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), cookie });
          } catch (error) {
            reject(new Error(`POST ${url}: HTTP ${response.statusCode}, not JSON: ${error.message}`));
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', (error) => {
      if (!retried && request.reusedSocket && error.code === 'ECONNRESET') resolve(postJson(url, body, headers, true));
      else reject(error);
    });
    request.end(payload);
  });
}

class RawBayeuxClient {
  /**
   * @param {object} o
   * @param {string} o.endpoint  http://host:port/api/v2/notifications
   * @param {'websocket'|'long-polling'} o.transport
   * @param {object} [o.ext]     handshake ext
   * @param {string} o.channel   the channel to subscribe to
   * @param {(message: object) => void} o.onMessage
   */
  constructor({ endpoint, transport, ext, channel, onMessage }) {
    Object.assign(this, { endpoint, transport, ext, channel, onMessage });
    this.nextId = 0;
    this.clientId = undefined;
    this.closed = false;
    this.pending = new Map();
  }

  /** Handshakes and subscribes; resolves once the subscription is confirmed. */
  async connect() {
    if (this.transport === 'websocket') await this.openSocket();
    const [handshake] = await this.send([
      { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: [this.transport], ext: this.ext },
    ]);
    if (!handshake || !handshake.successful) throw new Error(`handshake failed: ${JSON.stringify(handshake)}`);
    this.clientId = handshake.clientId;
    if (this.transport === 'websocket') this.sendConnect();
    const [subscribe] = await this.send([{ channel: '/meta/subscribe', clientId: this.clientId, subscription: this.channel }]);
    if (!subscribe || !subscribe.successful) throw new Error(`subscribe failed: ${JSON.stringify(subscribe)}`);
    if (this.transport === 'long-polling') this.pollLoop();
  }

  close() {
    this.closed = true;
    if (this.socket) this.socket.terminate();
    if (this.poll) this.poll.destroy();
  }

  /** Sends messages; resolves with the replies to them (by id), delivering any data messages. */
  send(messages) {
    for (const message of messages) message.id = String(++this.nextId);
    if (this.transport === 'long-polling') {
      // The BAYEUX_BROWSER cookie of the handshake's answer: the session is served only with it, as a browser sends it.
      return postJson(this.endpoint, messages, this.cookieHeader()).then(({ body, cookie }) => {
        this.cookie ??= cookie;
        return this.dispatch(body, messages);
      });
    }
    const replies = Promise.all(messages.map((m) => new Promise((resolve) => this.pending.set(m.id, resolve))));
    this.socket.send(JSON.stringify(messages));
    return replies;
  }

  cookieHeader() {
    return this.cookie ? { Cookie: this.cookie } : {};
  }

  dispatch(received, sent = []) {
    const replies = [];
    for (const message of Array.isArray(received) ? received : [received]) {
      if (!message) continue;
      if (message.channel.startsWith('/meta/')) {
        const waiting = this.pending.get(message.id);
        if (waiting) {
          this.pending.delete(message.id);
          waiting(message);
        }
        if (sent.some((m) => m.id === message.id)) replies.push(message);
        if (message.channel === '/meta/connect' && this.transport === 'websocket' && !this.closed) this.onConnectReply(message);
      } else if (message.data !== undefined) {
        this.onMessage(message);
      }
    }
    return replies;
  }

  openSocket() {
    const url = this.endpoint.replace(/^http/, 'ws');
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      this.socket = socket;
      socket.once('open', resolve);
      socket.once('error', reject);
      socket.on('message', (raw) => this.dispatch(JSON.parse(raw.toString())));
      socket.on('close', () => {
        if (!this.closed) this.onError?.(new Error('websocket closed by the server'));
      });
    });
  }

  sendConnect() {
    const id = String(++this.nextId);
    this.socket.send(JSON.stringify([{ channel: '/meta/connect', clientId: this.clientId, connectionType: 'websocket', id }]));
  }

  onConnectReply(reply) {
    if (reply.successful) this.sendConnect();
    else this.onError?.(new Error(`connect refused: ${JSON.stringify(reply)}`));
  }

  /** Long-polling: always one /meta/connect held by the server; the next goes out as soon as one returns. */
  pollLoop() {
    if (this.closed) return;
    const message = { channel: '/meta/connect', clientId: this.clientId, connectionType: 'long-polling', id: String(++this.nextId) };
    const payload = Buffer.from(JSON.stringify([message]));
    const request = http.request(
      this.endpoint,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, ...this.cookieHeader() } },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          let replies;
          try {
            replies = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch (error) {
            return this.onError?.(error);
          }
          // Data first: the connect reply comes last in faye's answer anyway.
          const connect = (Array.isArray(replies) ? replies : [replies]).find((m) => m && m.channel === '/meta/connect');
          this.dispatch(replies);
          if (connect && connect.successful) this.pollLoop();
          else if (!this.closed) this.onError?.(new Error(`connect refused: ${JSON.stringify(connect)}`));
        });
      },
    );
    request.on('error', (error) => {
      if (this.closed) return;
      if (request.reusedSocket && error.code === 'ECONNRESET') this.pollLoop(); // see postJson
      else this.onError?.(error);
    });
    this.poll = request;
    request.end(payload);
  }
}

module.exports = { RawBayeuxClient, postJson };
