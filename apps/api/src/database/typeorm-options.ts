import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { mysql2WithAcquireTimeout } from './pool-acquire-timeout';

export function typeormOptions(config: AppConfig): DataSourceOptions {
  return {
    type: 'mariadb',
    host: config.db.host,
    port: config.db.port,
    username: config.db.user,
    password: config.db.password,
    database: config.db.database,
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    // Dates travel in UTC both ways; see docs/decisions/002-utc-datetime-columns.md.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    connectorPackage: 'mysql2',
    driver: mysql2WithAcquireTimeout(config.dbPool.acquireTimeoutMs),
    poolSize: config.dbPool.size,
    connectTimeout: 5000,
    logging: false,
  };
}
