import { createHmac } from 'node:crypto';
import type { SipCredentials } from '@hh/contracts';
import { startTestApp, TestApp } from '../support/test-app';
import { activeClient, bearer, logInAdmin, signUp } from '../support/accounts';
import { expectProblem } from '../support/http';
import { Clock } from '../../src/common/clock';
import { ManualClock } from '../support/calls';
import { SIP_AUTH_SECRET, sipEnv } from '../support/sip';

const credentialsOf = (t: TestApp, token: string) => t.http().get('/api/v1/sip/credentials').set(bearer(token));

describe('GET /sip/credentials and GET /telephony with VOIP_PROVIDER=sip', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'loopback',
      CALL_ENGINE: 'off',
      ...sipEnv(undefined, {
        SIP_CREDENTIAL_TTL_SECONDS: '600',
        SIP_ICE_SERVERS: 'stun:stun.sip.test:3478,turn:turn.sip.test:3478?transport=udp',
      }),
    });
  });
  afterAll(() => t.close());

  it('tells any signed-in user (a key too) that calls are real', async () => {
    const who = await signUp(t);
    expect((await t.http().get('/api/v1/telephony').set(bearer(who.accessToken)).expect(200)).body).toEqual({
      provider: 'sip',
    });
    const active = await activeClient(t);
    const key = (
      await t.http().post('/api/v1/api-keys').set(bearer(active.accessToken)).send({ keyName: 'telephony' }).expect(201)
    ).body.key as string;
    expect((await t.http().get('/api/v1/telephony').set('X-API-Key', key).expect(200)).body).toEqual({
      provider: 'sip',
    });
    expectProblem(await t.http().get('/api/v1/telephony'), 401);
  });

  it('issues an auth_ephemeral credential: <expiry>:u<id>, HMAC-SHA1 of it in base64, valid for the TTL', async () => {
    const who = await activeClient(t);
    const clock = ManualClock.install(t, new Date('2031-05-06T07:08:09.600Z'));
    const res = await credentialsOf(t, who.accessToken).expect(200);
    const body = res.body as SipCredentials;
    const expiry = Math.floor(clock.now().getTime() / 1000) + 600;
    expect(body).toEqual({
      username: `${expiry}:u${who.user.id}`,
      password: createHmac('sha1', SIP_AUTH_SECRET).update(`${expiry}:u${who.user.id}`).digest('base64'),
      expiresAt: new Date(expiry * 1000).toISOString(),
      domain: 'sip.test',
      wsUri: 'wss://sip.test:8443',
      iceServers: [{ urls: ['stun:stun.sip.test:3478', 'turn:turn.sip.test:3478?transport=udp'] }],
    });
    expect(body.expiresAt).toBe('2031-05-06T07:18:09.000Z');
    // Never cached: a later request is a later expiry.
    clock.advance(60_000);
    const later = (await credentialsOf(t, who.accessToken).expect(200)).body as SipCredentials;
    expect(later.username).toBe(`${expiry + 60}:u${who.user.id}`);
    expect(later.password).not.toBe(body.password);
    t.app.get(Clock).now = () => new Date();
  });

  it('answers 401 to anonymous requests', async () => {
    expectProblem(await t.http().get('/api/v1/sip/credentials'), 401);
  });

  it('refuses an API key (403): a credential for the SIP server needs a signed-in session', async () => {
    const who = await activeClient(t);
    const key = (
      await t.http().post('/api/v1/api-keys').set(bearer(who.accessToken)).send({ keyName: 'sip' }).expect(201)
    ).body.key as string;
    expectProblem(await t.http().get('/api/v1/sip/credentials').set('X-API-Key', key), 403, /session/);
  });

  it('refuses an account awaiting approval (403) and a suspended one', async () => {
    const pending = await signUp(t);
    expectProblem(await credentialsOf(t, pending.accessToken), 403, /awaiting approval/);
    const suspended = await activeClient(t);
    await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [suspended.user.id]);
    expectProblem(await credentialsOf(t, suspended.accessToken), 403);
  });

  it('gives admins theirs too', async () => {
    const admin = await logInAdmin(t);
    const body = (await credentialsOf(t, admin.accessToken).expect(200)).body as SipCredentials;
    expect(body.username).toMatch(new RegExp(`^\\d+:u${admin.user.id}$`));
  });
});

describe('VOIP_PROVIDER=sip without ICE servers', () => {
  it('answers iceServers: []', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off', ...sipEnv() });
    try {
      const who = await activeClient(t);
      expect((await credentialsOf(t, who.accessToken).expect(200)).body.iceServers).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('GET /sip/credentials and GET /telephony with the mock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', CALL_ENGINE: 'off' });
  });
  afterAll(() => t.close());

  it('tells the web app calls are simulated, and has no SIP credentials for anyone (404)', async () => {
    const who = await activeClient(t);
    expect((await t.http().get('/api/v1/telephony').set(bearer(who.accessToken)).expect(200)).body).toEqual({
      provider: 'mock',
    });
    expectProblem(await credentialsOf(t, who.accessToken), 404, 'Real calls are not enabled on this server');
  });
});
