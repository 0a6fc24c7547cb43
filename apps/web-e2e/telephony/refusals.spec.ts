import { expect, test } from '../src/support/fixtures';
import { activeClient, calls, callMatching } from './support/portal';
import { credentialsFor, RawSipClient } from './support/raw-sip';

/**
 * What Kamailio and the API refuse at the SIP layer, as any SIP client holding (or forging) credentials would meet
 * it: the code of docs/telephony.md's table, and no call row (the rate limit's ten calls before it excepted).
 */
test.describe('refused at the SIP layer', () => {
  let sip: RawSipClient;

  test.beforeEach(async ({ browser }) => {
    sip = await RawSipClient.open(browser);
  });

  test.afterEach(async () => {
    await sip.close();
  });

  test("expired credentials, another user's From, a caller ID that is not yours, a blocked country, a pending user", async ({
    request,
  }) => {
    const client = await activeClient(request);
    const other = await activeClient(request);
    const pending = await activeClient(request, { approve: false });
    const fresh = credentialsFor(client.userId, 3600);

    // The portal hands a pending user no credentials at all…
    const refusedCredentials = await request.get('/api/v1/sip/credentials', {
      headers: { Authorization: `Bearer ${pending.token}` },
    });
    expect(refusedCredentials.status()).toBe(403);

    const outcomes = {
      expired: await sip.call(`u${client.userId}`, credentialsFor(client.userId, -60), '+15005550004'),
      othersFrom: await sip.call(`u${other.userId}`, fresh, '+15005550004'),
      othersCallerId: await sip.call(`u${client.userId}`, fresh, '+15005550004', [`X-HH-Caller-Id: ${other.number}`]),
      blockedCountry: await sip.call(`u${client.userId}`, fresh, '+442079460000'),
      // …and credentials made for one (as if issued before an admin changed the account) are refused by the API.
      pendingUser: await sip.call(`u${pending.userId}`, credentialsFor(pending.userId, 3600), '+15005550004'),
    };
    expect(outcomes.expired).toMatchObject({ code: 407, cause: 'Authentication Error' });
    expect(outcomes.othersFrom.code).toBe(403);
    expect(outcomes.othersCallerId.code).toBe(403);
    expect(outcomes.blockedCountry.code).toBe(403);
    expect(outcomes.pendingUser.code).toBe(403);
    test.info().annotations.push({ type: 'outcomes', description: JSON.stringify(outcomes) });

    expect(await calls(request, client)).toEqual([]);
    expect(await calls(request, other)).toEqual([]);
    expect(await calls(request, pending)).toEqual([]);
  });

  test('the 11th call in a minute is refused with 486 and makes no call', async ({ request }) => {
    const client = await activeClient(request);
    // A portal number whose owner has no softphone online: each call is routed, then missed at once (480).
    const absent = await activeClient(request);
    const credentials = credentialsFor(client.userId, 3600);
    for (let n = 1; n <= 10; n++) {
      const outcome = await sip.call(`u${client.userId}`, credentials, absent.number);
      expect({ n, code: outcome.code, cause: outcome.cause }).toEqual({ n, code: 480, cause: 'Unavailable' });
      // Ended before the next, so the concurrent-call guard never applies.
      await callMatching(request, client, () => true, 5_000);
      await expect
        .poll(async () => (await calls(request, client)).filter((c) => c.status === 'no_answer').length)
        .toBe(n);
    }
    const eleventh = await sip.call(`u${client.userId}`, credentials, absent.number);
    expect(eleventh.code).toBe(486);
    expect(eleventh.reason ?? '').toMatch(/rate|too many|calls/i);
    expect((await calls(request, client)).length).toBe(10);
  });
});
