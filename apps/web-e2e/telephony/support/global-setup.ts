import { createConnection } from 'mysql2/promise';
import { DATABASE, startApi, startTelephony, stopApi, stopTelephony, toneFile, TONES } from './stack';

/** A fresh database, the API in sip mode, then Kamailio and rtpengine (which wait for the API's schema). */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const connection = await createConnection({
    host: process.env['MARIADB_HOST'] ?? '127.0.0.1',
    port: Number(process.env['MARIADB_PORT'] ?? 3306),
    user: process.env['MARIADB_USER'] ?? 'root',
    password: process.env['MARIADB_PASSWORD'] ?? '',
  });
  await connection.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
  await connection.end();
  for (const hz of Object.values(TONES)) {
    toneFile(hz);
    toneFile(hz, 8000);
  }
  const teardown = async () => {
    try {
      await stopTelephony();
    } finally {
      await stopApi();
    }
  };
  try {
    await startApi();
    await startTelephony();
  } catch (error) {
    // Playwright runs no teardown when the setup fails: leave nothing running.
    await teardown().catch(() => undefined);
    throw error;
  }
  return teardown;
}
