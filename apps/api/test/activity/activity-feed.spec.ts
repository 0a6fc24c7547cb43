import { DataSource } from 'typeorm';
import { ActivityService } from '../../src/app/activity/activity.service';
import { activeClient, logInAdmin, signUp } from '../support/accounts';
import { listen, SseClient } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';

describe('live activity feed (activity.created for admins)', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
  });
  afterAll(() => t.close());

  it('pushes committed activity to admins and to nobody else', async () => {
    const admin = await logInAdmin(t);
    const client = await activeClient(t);
    const adminStream = await SseClient.open(baseUrl, admin.accessToken);
    const clientStream = await SseClient.open(baseUrl, client.accessToken);
    try {
      const newcomer = await signUp(t, { email: `feed.${Date.now()}@example.com` });
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: newcomer.user.email, password: 'Wrong-Passw0rd' })
        .expect(401);

      await adminStream.until(
        (events) => events.filter((e) => e.event === 'activity.created').length >= 3,
        5000,
        'the signup, its verification e-mail and the failed login',
      );
      const actions = adminStream.events
        .filter((e) => e.event === 'activity.created')
        .map((e) => e.data as { action: string; userId: number; id: number; createdAt: string });
      expect(actions.map((a) => a.action)).toEqual(['signup', 'email_verification_sent', 'login_failed']);
      expect(actions[0]).toMatchObject({
        userId: newcomer.user.id,
        id: expect.any(Number),
        createdAt: expect.any(String),
      });
      const [row] = await t.sql<{ id: number }>(
        "SELECT id FROM activity_logs WHERE action = 'signup' AND user_id = ?",
        [newcomer.user.id],
      );
      expect(actions[0]?.id).toBe(row?.id);

      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(clientStream.events.filter((e) => e.event === 'activity.created')).toEqual([]);
    } finally {
      adminStream.close();
      clientStream.close();
    }
  });

  it('announces activity written in a transaction only once it commits, and never after a rollback', async () => {
    const admin = await logInAdmin(t);
    const stream = await SseClient.open(baseUrl, admin.accessToken);
    const dataSource = t.app.get(DataSource);
    const activity = t.app.get(ActivityService);
    try {
      await dataSource
        .transaction(async (em) => {
          await activity.record({ action: 'user_updated', userId: null, details: { attempt: 'rolled back' } }, em);
          throw new Error('abort');
        })
        .catch(() => undefined);
      await dataSource.transaction(async (em) => {
        await activity.record({ action: 'user_updated', userId: null, details: { attempt: 'committed' } }, em);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(stream.events).toEqual([]);
      });
      await stream.until((events) => events.length >= 1, 5000, 'the committed row');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stream.events.map((e) => (e.data as { details: { attempt: string } }).details.attempt)).toEqual([
        'committed',
      ]);
      const rows = await t.sql("SELECT id FROM activity_logs WHERE action = 'user_updated'");
      expect(rows).toHaveLength(1);
    } finally {
      stream.close();
    }
  });
});
