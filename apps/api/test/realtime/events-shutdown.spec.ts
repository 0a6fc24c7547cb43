import { activeClient } from '../support/accounts';
import { listen, SseClient } from '../support/sse';
import { startTestApp } from '../support/test-app';

describe('GET /api/v1/events on shutdown', () => {
  it('ends open streams so the server stops promptly and browsers reconnect elsewhere', async () => {
    const t = await startTestApp();
    const baseUrl = await listen(t);
    const client = await activeClient(t);
    const stream = await SseClient.open(baseUrl, client.accessToken);
    const ended = new Promise<void>((resolve) => stream.response.once('end', () => resolve()));

    const started = Date.now();
    await Promise.race([
      t.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not stop within 5 s')), 5000)),
    ]);
    await ended;
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
