import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SipAuthorizeDecision, SipAuthorizeRequest } from '@hh/contracts';
import type { TestApp } from './test-app';

/** The secrets every sip-mode spec app runs with (at least 32 characters, as the config requires). */
export const SIP_AUTH_SECRET = `auth-${randomBytes(24).toString('hex')}`;
export const SIP_INTERNAL_SECRET = `internal-${randomBytes(24).toString('hex')}`;

/** The environment of an app in sip mode, pointed at `rpcUrl` (a FakeKamailio, or a closed port: Kamailio down). */
export function sipEnv(rpcUrl = 'http://127.0.0.1:9/RPC', extra: Record<string, string> = {}): Record<string, string> {
  return {
    VOIP_PROVIDER: 'sip',
    SIP_AUTH_SECRET,
    SIP_INTERNAL_SECRET,
    SIP_RPC_URL: rpcUrl,
    SIP_DOMAIN: 'sip.test',
    SIP_WS_URI: 'wss://sip.test:8443',
    ...extra,
  };
}

export interface RpcCall {
  method: string;
  params: unknown[];
}

/**
 * Kamailio's JSON-RPC as the API sees it (jsonrpcs over HTTP): ul.lookup answers the contacts of the users marked
 * online, or the fault Kamailio gives; dlg.dlg_list answers one dialog for any Call-ID, dlg.end_dlg ends it. Every
 * command is recorded.
 */
export class FakeKamailio {
  readonly received: RpcCall[] = [];
  readonly online = new Set<string>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { method, params, id } = JSON.parse(body) as { method: string; params: unknown[]; id: number };
        this.received.push({ method, params });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ jsonrpc: '2.0', id, ...this.answer(method, params) }));
      });
    });
  }

  static async start(): Promise<FakeKamailio> {
    const fake = new FakeKamailio();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/RPC`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(method: string, params: unknown[]): { result?: unknown; error?: { code: number; message: string } } {
    switch (method) {
      case 'ul.lookup': {
        // usrloc without use_domain drops the domain of the AoR it is asked about.
        const user = String(params[1] ?? '').split('@')[0] ?? '';
        return this.online.has(user)
          ? { result: { AoR: user, Contacts: [{ Contact: { Address: `sip:${user}@192.0.2.1;transport=ws` } }] } }
          : { error: { code: 500, message: 'AOR not found in location table' } };
      }
      case 'dlg.dlg_list':
        return { result: { h_entry: 42, h_id: 7, 'call-id': params[0], state: 4 } };
      case 'dlg.end_dlg':
        return { result: null };
      default:
        return { error: { code: 500, message: 'command not found' } };
    }
  }
}

/** A fresh SIP Call-ID, as a softphone would make one. */
export function newCallId(): string {
  return `${randomBytes(11).toString('hex')}@sip.test`;
}

/** The body of an authorize request from a user's softphone, with its fields defaulted. */
export function userInvite(fields: Partial<SipAuthorizeRequest> & { fromUser: string }): SipAuthorizeRequest {
  return {
    callId: newCallId(),
    source: 'user',
    toUser: '+15005550004',
    callerId: '',
    portalCallId: '',
    ...fields,
  };
}

/** POST /internal/sip/authorize as Kamailio sends it (the right secret unless told otherwise). */
export function authorize(
  t: TestApp,
  body: unknown,
  options: { secret?: string | null; headers?: Record<string, string> } = {},
) {
  const req = t.http().post('/api/v1/internal/sip/authorize');
  const secret = options.secret === undefined ? SIP_INTERNAL_SECRET : options.secret;
  if (secret !== null) req.set('X-HH-Sip-Secret', secret);
  for (const [name, value] of Object.entries(options.headers ?? {})) req.set(name, value);
  return req.send(body as object);
}

/** The decision for a request that must be answered 200. */
export async function decide(t: TestApp, body: SipAuthorizeRequest): Promise<SipAuthorizeDecision> {
  const res = await authorize(t, body);
  if (res.status !== 200) throw new Error(`authorize answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as SipAuthorizeDecision;
}

/** Writes an event into the inbox exactly as Kamailio's sqlops does. */
export async function insertSipEvent(
  t: TestApp,
  sipCallId: string,
  event: 'ringing' | 'answered' | 'ended' | 'failed',
  sipCode: number | null,
  occurredAtMs: number,
): Promise<void> {
  await t.sql('INSERT INTO sip_events (sip_call_id, event, sip_code, occurred_at_ms) VALUES (?, ?, ?, ?)', [
    sipCallId,
    event,
    sipCode,
    occurredAtMs,
  ]);
}

export interface SipCallRow {
  id: number;
  user_id: number;
  direction: 'outbound' | 'inbound';
  from_number: string;
  to_number: string;
  status: string;
  call_sid: string | null;
  rate_per_minute: string | null;
  duration_seconds: number;
  cost: string;
  start_time: Date;
  answered_at: Date | null;
  end_time: Date | null;
  next_status: string | null;
  next_transition_at: Date | null;
  provider: string;
  recorded: number;
  recording_announced: number;
}

/** The first row, which must be there (a failed lookup fails the spec with a message, not a TypeError). */
export function firstRow<T>(rows: readonly T[], what = 'a row'): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`Expected ${what}, found none`);
  return row;
}

/** The calls whose sid is the Call-ID or the Call-ID + ;in (caller's leg first). */
export function callsOfDialog(t: TestApp, callId: string): Promise<SipCallRow[]> {
  return t.sql<SipCallRow>('SELECT * FROM calls WHERE call_sid IN (?, ?) ORDER BY id', [callId, `${callId};in`]);
}
