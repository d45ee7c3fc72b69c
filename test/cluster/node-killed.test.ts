import net from 'node:net';
import { TRANSPORTS, type Agent } from '../../src/client/agent';
import { Cli, killAll } from '../helpers/cli';
import { agreed, login, ok, receivedUntil, sim, until } from '../helpers/cluster';
import { startRedis, type RedisServer } from '../helpers/redis';
import { rest } from '../helpers/rest';

/**
 * Three `gws-sim serve --redis` processes; agent1's CometD client reaches node A through a tiny
 * TCP proxy, as behind a load balancer. Node A is killed (SIGKILL) while customer messages flow
 * through B and C: the proxy then sends the client to B, where it goes on receiving, and B and C
 * answer every operation throughout.
 */

/** A TCP proxy to whichever local port `target` names when a connection opens. */
async function switchingProxy(target: () => number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const upstream = net.connect(target(), '127.0.0.1');
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    for (const side of [socket, upstream]) {
      sockets.add(side);
      side.on('error', end).on('close', () => {
        sockets.delete(side);
        end();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

let redis: RedisServer;
let nodes: Cli[];
let urls: string[];

beforeEach(async () => {
  redis = await startRedis();
  nodes = [0, 1, 2].map(() => new Cli(['serve', '--port', '0', '--redis', redis.url, '--time-scale', '0']));
  urls = await Promise.all(nodes.map((node) => node.listening()));
});
afterEach(async () => {
  await killAll();
  await redis.stop();
});

const saying = (text: string) => (n: any) => n.messages?.some((m: any) => m.text === text);

test.each(TRANSPORTS)('node A killed under load: its agent (over %s) goes on through node B, and B and C answer throughout', async (transport) => {
  let to = Number(new URL(urls[0]).port);
  const proxy = await switchingProxy(() => to);
  let agent1: Agent | undefined;
  try {
    agent1 = await login(proxy.url, 'agent1', transport);
    const { id } = await sim(urls[1], '/chats', { offerTo: 'agent1', customer: 'Alice', text: 'Hello' });
    await receivedUntil(agent1, 0, (n) => n.chat?.id === id && n.chat.state === 'Invited', 'the offer');
    await ok(urls[2], 'agent1', `/chats/${id}`, 'Accept');

    // The customer writes through B and C, one message after another, until told to stop.
    const answers: number[] = [];
    let sent = 0;
    let flowing = true;
    const load = (async () => {
      while (flowing) {
        const answer = await rest(urls[1 + (sent % 2)]).post(`/sim/chats/${id}/messages`, { text: `m${sent}` });
        answers.push(answer.body?.statusCode);
        sent++;
      }
    })();
    const received = () => new Set(agent1!.notifications.flatMap((n: any) => (n.messages ?? []).map((m: any) => m.text)));
    const arrived = (from: number, parity: number) => [...received()].some((text) => /^m\d+$/.test(text) && Number(text.slice(1)) >= from && Number(text.slice(1)) % 2 === parity);
    let back = 0;
    try {
      await receivedUntil(agent1, 0, saying('m3'), 'the first messages');
      nodes[0].signal('SIGKILL');
      await nodes[0].exited;
      to = Number(new URL(urls[1]).port);
      const afterKill = sent;
      // The customer's messages alternate: even ones played by B, odd ones by C.
      for (const parity of [0, 1]) await until(() => arrived(afterKill, parity), () => `a message played by ${'BC'[parity]} after node A died (from m${afterKill}; sent up to m${sent - 1})`, 15_000);
      // What B and C sent while the client was between nodes (and until each knew where it is now)
      // went to its old session; from now on nothing is lost.
      back = sent;
      await until(() => sent > back + 10, () => 'more messages');
    } finally {
      flowing = false;
      await load;
    }
    await until(() => received().has(`m${sent - 1}`), () => `the last message m${sent - 1}`);
    const since = Array.from({ length: sent - back }, (_, i) => `m${back + i}`);
    expect(since.filter((text) => !received().has(text))).toEqual([]);
    expect(answers.filter((code) => code !== 0)).toEqual([]);

    // The agent acts through the proxy (now node B) and is told by node C's plays as well.
    const from = agent1.notifications.length;
    await ok(proxy.url, 'agent1', `/chats/${id}`, 'SendMessage', { text: 'Sorry, where were we?' });
    await sim(urls[2], `/chats/${id}/messages`, { text: 'You said refund' });
    await receivedUntil(agent1, from, saying('You said refund'), "the customer's answer played by C");
    await until(() => agent1!.notifications.slice(from).some(saying('Sorry, where were we?')), () => 'its own message played by B');
    await agreed(urls.slice(1));
  } finally {
    await agent1?.disconnect();
    await proxy.close();
  }
}, 60_000);
