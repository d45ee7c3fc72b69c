import { parseRedisUrl } from '../../../src/cluster/redis-url';

describe('--redis URLs', () => {
  it('reads host, port, database and password, and never shows the password', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390')).toEqual({ host: '127.0.0.1', port: 6390, db: 0, shown: 'redis://127.0.0.1:6390' });
    expect(parseRedisUrl('redis://redis.example')).toMatchObject({ host: 'redis.example', port: 6379, db: 0 });
    const withPassword = parseRedisUrl('redis://:s%40cret@10.0.0.2:7000/3');
    expect(withPassword).toEqual({ host: '10.0.0.2', port: 7000, db: 3, password: 's@cret', shown: 'redis://10.0.0.2:7000/3' });
    expect(parseRedisUrl('redis://[::1]:6379').host).toBe('::1');
  });

  it.each([
    ['127.0.0.1:6379', /is not a URL/],
    ['http://127.0.0.1:6379', /is not a redis:\/\/ URL/],
    ['rediss://127.0.0.1:6379', /TLS, is not supported/],
    ['redis://127.0.0.1:6379/16', /database must be a number from 0 to 15, got "16"/],
    ['redis://127.0.0.1:6379/x', /database must be a number/],
    ['redis://127.0.0.1:99999', /is not a URL/],
  ])('refuses %s, saying what it expects', (text, why) => {
    expect(() => parseRedisUrl(text)).toThrow(why);
    expect(() => parseRedisUrl(text)).toThrow(/expected redis:\/\/HOST:PORT|database/);
  });
});
