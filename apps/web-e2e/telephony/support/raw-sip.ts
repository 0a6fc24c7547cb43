import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { authSecret, ROOT, SIP } from './stack';

/**
 * A bare SIP client in a browser page (JsSIP, the library the softphone uses, bundled here for the page), for what
 * the portal's own dialer never sends: someone else's From, a caller ID that is not the user's, credentials that
 * have expired. It talks to Kamailio's WebSocket like any SIP client holding credentials would.
 */
let bundle: string | undefined;

function jssipBundle(): string {
  bundle ??= buildSync({
    entryPoints: [join(ROOT, 'node_modules/jssip/lib/JsSIP.js')],
    bundle: true,
    format: 'iife',
    globalName: 'JsSIP',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]?.text;
  return bundle as string;
}

export interface Credentials {
  username: string;
  password: string;
}

/** Credentials as the API issues them (docs/telephony.md), for any user and expiry: what a forger would need the secret for. */
export function credentialsFor(userId: number, expiresInSeconds: number): Credentials {
  const username = `${Math.floor(Date.now() / 1000) + expiresInSeconds}:u${userId}`;
  return { username, password: createHmac('sha1', authSecret()).update(username).digest('base64') };
}

export interface Outcome {
  code: number | null;
  reason: string | null;
  cause: string;
}

export class RawSipClient {
  private constructor(
    private readonly page: Page,
    private readonly server: Server,
  ) {}

  static async open(browser: Browser): Promise<RawSipClient> {
    // Served from a loopback HTTP server: a secure context, where getUserMedia exists (about:blank has none), and a
    // local address, which Chromium's local-network checks let reach Kamailio (a page Playwright answers is not).
    const body = `<!doctype html><title>SIP client</title><script>${jssipBundle()}</script>`;
    const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return new RawSipClient(page, server);
  }

  /** Places one call as `fromUser` with `credentials` and resolves with how it ended (answered calls are hung up). */
  async call(fromUser: string, credentials: Credentials, to: string, headers: string[] = []): Promise<Outcome> {
    return this.page.evaluate(
      async ({ ws, domain, fromUser, credentials, to, headers }) => {
        const JsSIP = (window as unknown as { JsSIP: any }).JsSIP; // eslint-disable-line @typescript-eslint/no-explicit-any
        const ua = new JsSIP.UA({
          sockets: [new JsSIP.WebSocketInterface(ws)],
          uri: `sip:${fromUser}@${domain}`,
          authorization_user: credentials.username,
          password: credentials.password,
          register: false,
          session_timers: false,
        });
        ua.start();
        await new Promise((resolve) => ua.on('connected', resolve));
        const session = ua.call(`sip:${to}@${domain}`, { mediaConstraints: { audio: true }, extraHeaders: headers });
        const outcome = await new Promise<{ code: number | null; reason: string | null; cause: string }>((resolve) => {
          session.on(
            'failed',
            (
              e: any, // eslint-disable-line @typescript-eslint/no-explicit-any
            ) =>
              resolve({
                code: e.message?.status_code ?? null,
                reason: e.message?.reason_phrase ?? null,
                cause: e.cause,
              }),
          );
          session.on('confirmed', () => {
            session.terminate();
            resolve({ code: 200, reason: 'OK', cause: 'answered' });
          });
        });
        ua.stop();
        return outcome;
      },
      { ws: `ws://127.0.0.1:${SIP.wsPort}`, domain: SIP.domain, fromUser, credentials, to, headers },
    );
  }

  async close(): Promise<void> {
    await this.page.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
