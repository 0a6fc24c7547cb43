import * as mysql2 from 'mysql2';
import type { Pool, PoolConnection, PoolOptions } from 'mysql2';

/** The code of the error a request gets when no pooled connection frees up in time (answered 503). */
export const POOL_ACQUIRE_TIMEOUT = 'POOL_ACQUIRE_TIMEOUT';

export class PoolAcquireTimeoutError extends Error {
  readonly code = POOL_ACQUIRE_TIMEOUT;
  constructor(timeoutMs: number) {
    super(`No database connection became free within ${timeoutMs} ms`);
    this.name = 'PoolAcquireTimeoutError';
  }
}

export function isPoolExhausted(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if ((current as { code?: unknown }).code === POOL_ACQUIRE_TIMEOUT) return true;
    current =
      (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

type GetConnectionCallback = (error: NodeJS.ErrnoException | null, connection?: PoolConnection) => void;

/**
 * mysql2 as TypeORM's driver, with a pool whose getConnection gives up after `timeoutMs`. mysql2 has no acquire
 * timeout (it ignores the option): once every connection is taken, a request would wait in its queue forever, so
 * an exhausted pool hung the whole service. Now the waiter gets PoolAcquireTimeoutError (a 503 with Retry-After),
 * and a connection that frees up after its waiter gave up goes straight back to the pool.
 */
export function mysql2WithAcquireTimeout(timeoutMs: number): typeof mysql2 {
  return {
    ...mysql2,
    createPool(options: PoolOptions): Pool {
      const pool = mysql2.createPool(options);
      const getConnection = pool.getConnection.bind(pool) as (callback: GetConnectionCallback) => void;
      (pool as unknown as { getConnection: (callback: GetConnectionCallback) => void }).getConnection = (callback) => {
        let settled = false;
        const timer = setTimeout(() => {
          settled = true;
          callback(new PoolAcquireTimeoutError(timeoutMs));
        }, timeoutMs);
        getConnection((error, connection) => {
          if (settled) {
            connection?.release();
            return;
          }
          settled = true;
          clearTimeout(timer);
          callback(error, connection);
        });
      };
      return pool;
    },
  } as typeof mysql2;
}
