import { createConnection } from 'mysql2/promise';

/**
 * Arranges state the admin console will own (approving an account, assigning a number) straight in the e2e
 * database, so the calling journeys can start from an active client with a number.
 */
export async function withE2eDatabase<T>(
  work: (sql: (query: string, params?: unknown[]) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const connection = await createConnection({
    host: process.env['MARIADB_HOST'] ?? '127.0.0.1',
    port: Number(process.env['MARIADB_PORT'] ?? 3306),
    user: process.env['MARIADB_USER'] ?? 'root',
    password: process.env['MARIADB_PASSWORD'] ?? '',
    database: process.env['E2E_DATABASE'] ?? 'hardhat_voip_e2e',
    timezone: 'Z',
  });
  try {
    return await work(async (query, params = []) => (await connection.query(query, params))[0]);
  } finally {
    await connection.end();
  }
}

let numberCounter = 0;

/** Makes the account active and assigns it a fresh number; returns that number in E.164. */
export async function approveWithNumber(email: string): Promise<string> {
  numberCounter += 1;
  const phoneNumber = `+1909555${String(1000 + ((process.pid * 7 + numberCounter) % 9000)).padStart(4, '0')}`;
  await withE2eDatabase(async (sql) => {
    await sql("UPDATE users SET status = 'active' WHERE email = ?", [email]);
    await sql(
      `INSERT INTO phone_numbers (phone_number, friendly_name, owner_id, status, number_type, assigned_date, created_at)
       SELECT ?, 'Main line', id, 'assigned', 'local', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) FROM users WHERE email = ?`,
      [phoneNumber, email],
    );
  });
  return phoneNumber;
}
