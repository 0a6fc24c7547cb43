import { ClientRequest, get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';

export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Makes the spec's app listen on a free local port (SSE needs a long-lived connection) and returns its URL. */
export async function listen(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer();
  if (!server.listening) await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A client of GET /api/v1/events as a browser would hold it (fetch with a stream reader): it parses the
 * text/event-stream into events as they arrive. Close it before closing the app, or the server waits for it.
 */
export class SseClient {
  readonly events: ServerSentEvent[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly request: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
  }

  /** Connects and resolves once the stream is open (its first comment arrived), or with the non-200 answer. */
  static open(baseUrl: string, token?: string): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = get(
        `${baseUrl}/api/v1/events`,
        { headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) } },
        (response) => {
          const client = new SseClient(request, response);
          if (response.statusCode !== 200) {
            response.on('end', () => resolve(client));
            return;
          }
          response.once('data', () => resolve(client));
        },
      );
      request.on('error', reject);
    });
  }

  /** The raw body read so far (for non-200 answers: the problem document). */
  get text(): string {
    return this.buffer;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    if (this.response.statusCode !== 200) return;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) this.events.push({ event, data: JSON.parse(data.join('\n')) as unknown });
      end = this.buffer.indexOf('\n\n');
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once `done(events)` holds, or fails after `timeoutMs` showing what arrived. */
  async until(done: (events: ServerSentEvent[]) => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.events)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`Timed out waiting for ${what}; received: ${JSON.stringify(this.events.map((e) => e.data))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.request.destroy();
    this.response.destroy();
  }
}
