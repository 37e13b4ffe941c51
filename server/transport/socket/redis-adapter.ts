import type { Server } from 'socket.io';
import type { Log } from '../../adapters/log/create-logger.js';

/**
 * Puts Socket.IO on the Redis adapter, so that a broadcast on one relay reaches consoles and phones
 * connected to every relay sharing the Redis server (scale-out). Returns the function that closes
 * the two Redis connections.
 */
export async function useRedisAdapter(io: Server, redisUrl: string, log: Log): Promise<() => Promise<void>> {
  // Loaded only when scaling out: the Redis client alone costs a quarter second of start-up.
  const [{ createAdapter }, { createClient }] = await Promise.all([import('@socket.io/redis-adapter'), import('redis')]);
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) {
    client.on('error', (error: unknown) => log.error({ err: error }, 'redis connection error'));
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    await Promise.allSettled([pub.quit(), sub.quit()]);
    throw new Error('cannot connect to KLAXON_REDIS_URL', { cause: error });
  }
  io.adapter(createAdapter(pub, sub));
  log.info('socket.io uses the redis adapter (scale-out)');
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
