import { DataSource } from 'typeorm';
import { JobWorker } from '../../src/app/jobs/job-worker';
import { verifyEmailMail } from '../../src/app/mail/mail-templates';
import { MailService } from '../../src/app/mail/mail.service';
import { bearer, logInAdmin, signUp } from '../support/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { linkOf, SmtpSink } from './smtp-sink';

const linkFor = (to: string) => `https://x.test/voip/verify-email#token=${to.replace(/[^A-Za-z0-9]/g, '_')}`;

async function queueMails(t: TestApp, count: number, prefix: string): Promise<string[]> {
  const addresses = Array.from({ length: count }, (_, n) => `${prefix}${n}@example.com`);
  await t.app.get(DataSource).transaction(async (em) => {
    for (const to of addresses) {
      await t.app.get(MailService).queue(em, { to, userId: null, mail: verifyEmailMail('Test'), link: linkFor(to) });
    }
  });
  return addresses;
}

/**
 * The outbox is durable: a message is queued with the change that causes it, retried with backoff while the SMTP
 * server refuses it, survives a restart, and is sent once even with two instances draining the queue at once.
 */
describe('mail outbox (durable jobs, real SMTP)', () => {
  const smtp = new SmtpSink();
  let env: Record<string, string>;
  let t: TestApp;

  beforeAll(async () => {
    const port = await smtp.start();
    // The workers are driven by hand (drain), so what runs when is certain.
    env = { SMTP_URL: `smtp://127.0.0.1:${port}`, APP_BASE_URL: 'https://voip.example.test', JOBS: 'off' };
    t = await startTestApp(env);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('writes nothing when the transaction that queued a message rolls back', async () => {
    await t.app
      .get(DataSource)
      .transaction(async (em) => {
        await t.app.get(MailService).queue(em, { to: 'gone@example.com', userId: null, mail: verifyEmailMail('X') });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await t.sql("SELECT id FROM mail_outbox WHERE to_address = 'gone@example.com'")).toEqual([]);
    expect(await t.sql("SELECT id FROM jobs WHERE kind = 'mail.send'")).toEqual([]);
  });

  it('retries with backoff while the SMTP server refuses, and loses nothing across a restart', async () => {
    const [address] = await queueMails(t, 1, 'retry');
    smtp.failing = true;
    await t.app.get(JobWorker).drain();
    smtp.failing = false;
    expect(smtp.refused).toBeGreaterThan(0);
    const [job] = await t.sql<{ status: string; attempts: number; last_error: string; wait_ms: number }>(
      `SELECT status, attempts, last_error, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), due_at) / 1000 AS wait_ms
         FROM jobs WHERE kind = 'mail.send'`,
    );
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job.last_error).toMatch(/Try again later/);
    // Backoff after the first failure: 2.5–5 s.
    expect(Number(job.wait_ms)).toBeGreaterThan(2000);
    const [row] = await t.sql<{ status: string; attempts: number; last_error: string }>(
      'SELECT status, attempts, last_error FROM mail_outbox WHERE to_address = ?',
      [address],
    );
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });

    // A new instance (a restart) takes it once it is due, and sends it.
    const restarted = await startTestApp(env, { database: t.database, keepDatabase: true });
    try {
      await t.sql("UPDATE jobs SET due_at = UTC_TIMESTAMP(3) WHERE kind = 'mail.send' AND status = 'queued'");
      await restarted.app.get(JobWorker).drain();
    } finally {
      await restarted.close();
    }
    const mail = await smtp.waitFor(address);
    expect(linkOf(mail, '/voip/verify-email').link).toBe(linkFor(address));
    const [sent] = await t.sql<{ status: string; secret_link: string | null; attempts: number }>(
      'SELECT status, secret_link, attempts FROM mail_outbox WHERE to_address = ?',
      [address],
    );
    expect(sent).toEqual({ status: 'sent', secret_link: null, attempts: 2 });
  });

  it('sends each message once with two instances draining the outbox at once', async () => {
    const addresses = await queueMails(t, 40, 'pair');
    const other = await startTestApp({ ...env, JOBS_CONCURRENCY: '3' }, { database: t.database, keepDatabase: true });
    try {
      expect(await t.app.get(JobWorker).tick()).toBeGreaterThan(0);
      await Promise.all([t.app.get(JobWorker).drain(), other.app.get(JobWorker).drain()]);
    } finally {
      await other.close();
    }
    for (const address of addresses) await smtp.waitFor(address);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const address of addresses) expect(smtp.to(address)).toHaveLength(1);
    const ids = new Set(addresses.map((address) => smtp.to(address)[0].messageId));
    expect(ids.size).toBe(40);
    const statuses = await t.sql<{ status: string; n: number }>(
      "SELECT status, COUNT(*) AS n FROM mail_outbox WHERE to_address LIKE 'pair%' GROUP BY status",
    );
    expect(statuses.map((row) => ({ status: row.status, n: Number(row.n) }))).toEqual([{ status: 'sent', n: 40 }]);
  });
});

/** Without SMTP_URL the portal starts, and messages are held in the outbox, which admins read with their links. */
describe('mail outbox without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ APP_BASE_URL: 'https://voip.example.test' });
  });
  afterAll(() => t.close());

  it('holds the message for admins, who can pass its link on', async () => {
    const account = await signUp(t);
    expect(await t.sql("SELECT id FROM jobs WHERE kind = 'mail.send'")).toEqual([]);
    const admin = await logInAdmin(t);
    const page = await t
      .http()
      .get(`/api/v1/admin/mail?to=${encodeURIComponent(account.user.email)}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(page.body.data).toHaveLength(1);
    const [held] = page.body.data;
    expect(held).toMatchObject({ to: account.user.email, status: 'held', template: 'verify_email', attempts: 0 });
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(held.text)?.[1];
    expect(token).toBeDefined();
    await t.http().post('/api/v1/auth/email/verify').send({ token }).expect(204);
  });
});
