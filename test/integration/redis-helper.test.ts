import Redis from 'ioredis';
import { startRedis } from '../helpers/redis';

/** The tests' own Redis (test/helpers/redis.ts): a real redis-server that restarts empty on its port. */
test('startRedis() serves on its port; restart() comes back empty on the same port; stop() twice is harmless', async () => {
  const redis = await startRedis();
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  client.on('error', () => undefined); // refused connections while it restarts
  try {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    await client.set('kept', 'no');
    await redis.restart();
    expect(await client.get('kept')).toBeNull();
  } finally {
    client.disconnect();
    await redis.stop();
    await redis.stop();
  }
});
