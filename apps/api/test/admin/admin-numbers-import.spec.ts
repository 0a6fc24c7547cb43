import { toE164 } from '@hh/contracts';
import type { NumberImportResult } from '@hh/contracts';
import { bearer } from '../support/accounts';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { activityOf, call, insertNumber, newAdmin } from './admin-support';

const HEADER = 'phoneNumber,friendlyName,locationCity,locationState,numberType,monthlyCost';

/** POST /admin/numbers/import: a text/csv body, row by row. */
describe('admin API: numbers CSV import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  function upload(token: string, body: string | Buffer, contentType = 'text/csv') {
    return t.http().post('/api/v1/admin/numbers/import').set(bearer(token)).set('Content-Type', contentType).send(body);
  }

  const stored = (numbers: string[]) =>
    t.sql<{
      phone_number: string;
      friendly_name: string | null;
      location_city: string | null;
      location_state: string | null;
      location_country: string | null;
      number_type: string;
      monthly_cost: string;
      status: string;
      owner_id: number | null;
    }>(
      `SELECT phone_number, friendly_name, location_city, location_state, location_country, number_type,
              CAST(monthly_cost AS CHAR) AS monthly_cost, status, owner_id
         FROM phone_numbers WHERE phone_number IN (?) ORDER BY phone_number`,
      [numbers],
    );

  it('creates every valid row in E.164, available, with the defaults for empty fields', async () => {
    const admin = await newAdmin(t);
    const csv = [
      HEADER,
      '+15052345601,Albuquerque main,Albuquerque,NM,local,1.50',
      '(505) 234-5602,"Sales, west",,,mobile,2',
      '505.234.5603,,,,,',
      '8002345604,Support,,,toll_free,0.99',
    ].join('\n');
    const res = await upload(admin.accessToken, csv).expect(200);
    expect(res.body).toEqual({ created: 4, skipped: 0, errors: [], skippedRows: [] });
    expect(await stored(['+15052345601', '+15052345602', '+15052345603', '+18002345604'])).toEqual([
      {
        phone_number: '+15052345601',
        friendly_name: 'Albuquerque main',
        location_city: 'Albuquerque',
        location_state: 'NM',
        location_country: 'US',
        number_type: 'local',
        monthly_cost: '1.50',
        status: 'available',
        owner_id: null,
      },
      expect.objectContaining({ phone_number: '+15052345602', friendly_name: 'Sales, west', number_type: 'mobile' }),
      expect.objectContaining({
        phone_number: '+15052345603',
        friendly_name: null,
        location_city: null,
        number_type: 'local',
        monthly_cost: '0.00',
      }),
      expect.objectContaining({ phone_number: '+18002345604', number_type: 'toll_free', monthly_cost: '0.99' }),
    ]);
    // One audit row for the import, not one per number.
    expect(await activityOf(t, 'numbers_imported')).toEqual([
      expect.objectContaining({
        user_id: admin.user.id,
        entity_type: 'phone_number',
        details: { created: 4, skipped: 0, errors: 0 },
      }),
    ]);
  });

  it('skips numbers already in the inventory or repeated in the file, saying why, and creates the rest', async () => {
    const admin = await newAdmin(t);
    await insertNumber(t, { phoneNumber: '+15052345611' });
    const csv = [
      HEADER,
      '+15052345611,Already there,,,local,1', // line 2: in the database
      '+15052345612,New,,,local,1', // line 3
      '(505) 234-5612,Same as line 3,,,local,1', // line 4: repeats line 3 in another format
      '+15052345613,New too,,,local,1', // line 5
      '+15052345613,Again,,,mobile,3', // line 6: repeats line 5
    ].join('\r\n');
    const res = await upload(admin.accessToken, csv).expect(200);
    expect(res.body).toEqual({
      created: 2,
      skipped: 3,
      errors: [],
      skippedRows: [
        { line: 2, message: '+15052345611 already exists' },
        { line: 4, message: '+15052345612 repeats line 3' },
        { line: 6, message: '+15052345613 repeats line 5' },
      ],
    });
    const rows = await stored(['+15052345611', '+15052345612', '+15052345613']);
    expect(rows.map((r) => [r.phone_number, r.friendly_name])).toEqual([
      ['+15052345611', null],
      ['+15052345612', 'New'],
      ['+15052345613', 'New too'],
    ]);
    // Importing the same file again creates nothing.
    const again = await upload(admin.accessToken, csv).expect(200);
    expect(again.body).toMatchObject({ created: 0, skipped: 5, errors: [] });
  });

  it('reports invalid numbers, types, costs and field counts per line, and still creates the valid rows', async () => {
    const admin = await newAdmin(t);
    const csv = [
      HEADER,
      '555-0100,Too short,,,local,1', // 2
      '+15052345621,Fine,,,local,1', // 3
      ',No number,,,local,1', // 4
      '+15052345622,Bad type,,,satellite,1', // 5
      '+15052345623,Negative,,,local,-1', // 6
      '+15052345624,Three decimals,,,local,1.234', // 7
      '+15052345625,Too much,,,local,100000000', // 8
      '+15052345626,Words,,,local,ten', // 9
      '+15052345627,Too many fields,,,local,1,extra', // 10
      `+15052345628,${'x'.repeat(101)},,,local,1`, // 11
      'not a number,,,,fax,$5', // 12
      '+15052345629,Upper-case type,,,MOBILE,99999999.99', // 13
    ].join('\n');
    const res = await upload(admin.accessToken, csv).expect(200);
    const body = res.body as NumberImportResult;
    expect(body.created).toBe(2);
    expect(body.skipped).toBe(0);
    expect(body.errors.map((e) => e.line)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const message = (line: number) => body.errors.find((e) => e.line === line)?.message;
    expect(message(2)).toBe('phoneNumber "555-0100" is not a valid phone number');
    expect(message(4)).toBe('phoneNumber is required');
    expect(message(5)).toBe('numberType "satellite" must be one of local, toll_free, mobile');
    for (const line of [6, 7, 8, 9]) expect(message(line)).toMatch(/^monthlyCost ".*" must be an amount from 0/);
    expect(message(10)).toBe('has 7 fields; the header has 6');
    expect(message(11)).toBe('friendlyName must be at most 100 characters');
    expect(message(12)).toMatch(/phoneNumber "not a number" .*; numberType "fax" .*; monthlyCost "\$5"/);
    expect(await stored(['+15052345621', '+15052345629'])).toEqual([
      expect.objectContaining({ phone_number: '+15052345621' }),
      expect.objectContaining({ phone_number: '+15052345629', number_type: 'mobile', monthly_cost: '99999999.99' }),
    ]);
    const refused = ['+15052345622', '+15052345623', '+15052345624', '+15052345625', '+15052345626', '+15052345627'];
    expect(await stored([...refused, '+15052345628'])).toEqual([]);
  });

  it('reads the header in any order and letter case, with only phoneNumber required, and a BOM', async () => {
    const admin = await newAdmin(t);
    const res = await upload(
      admin.accessToken,
      '\uFEFFmonthlycost, PhoneNumber ,locationCountry\n3.5,+442071838750,GB\n\n,+15052345631,\n',
    ).expect(200);
    expect(res.body).toEqual({ created: 2, skipped: 0, errors: [], skippedRows: [] });
    expect(await stored(['+442071838750', '+15052345631'])).toEqual([
      expect.objectContaining({ phone_number: '+15052345631', location_country: 'US', monthly_cost: '0.00' }),
      expect.objectContaining({ phone_number: '+442071838750', location_country: 'GB', monthly_cost: '3.50' }),
    ]);
    await upload(admin.accessToken, 'phoneNumber\n+15052345632\n', 'text/csv; charset=utf-8').expect(200);
  });

  it.each([
    ['', /empty/],
    ['   \n\n  ', /empty/],
    [`${HEADER}\n`, /header but no numbers/],
    [`${HEADER}\n,,,,,\n`, /header but no numbers/],
    [
      'phone,name\n+15052345641,x',
      /Unknown columns in the header: phone, name\. The first line must be the header phoneNumber,friendlyName/,
    ],
    ['+15052345641,Front desk\n+15052345642,Back desk', /Unknown columns in the header: \+15052345641, Front desk/],
    ['friendlyName,numberType\nDesk,local', /no phoneNumber column/],
    ['phoneNumber,cost\n+15052345641,1', /Unknown column in the header: cost/],
    ['phoneNumber,phoneNumber\n+15052345641,+15052345642', /names phoneNumber twice/],
    ['phoneNumber,friendlyName\n+15052345641,"unterminated\n', /could not be read/],
  ])('refuses the whole file %j with 400', async (csv, detail) => {
    const admin = await newAdmin(t);
    expectProblem(await upload(admin.accessToken, csv), 400, detail);
    expect(await stored(['+15052345641', '+15052345642'])).toEqual([]);
  });

  it('takes text/csv only: other types are 415, and other routes refuse text/csv with 415', async () => {
    const admin = await newAdmin(t);
    const csv = 'phoneNumber\n+15052345651\n';
    expectProblem(await upload(admin.accessToken, csv, 'text/plain'), 415);
    expectProblem(await upload(admin.accessToken, csv, 'application/octet-stream'), 415);
    expectProblem(
      await upload(admin.accessToken, 'phoneNumber=%2B15052345651', 'application/x-www-form-urlencoded'),
      415,
    );
    expectProblem(
      await upload(admin.accessToken, JSON.stringify({ phoneNumber: '+15052345651' }), 'application/json'),
      415,
      /text\/csv/,
    );
    expectProblem(await t.http().post('/api/v1/admin/numbers/import').set(bearer(admin.accessToken)), 415);
    expectProblem(
      await t
        .http()
        .post('/api/v1/admin/numbers')
        .set(bearer(admin.accessToken))
        .set('Content-Type', 'text/csv')
        .send(csv),
      415,
    );
    expectProblem(
      await call(t, 'post', '/number-requests', admin.accessToken).set('Content-Type', 'text/csv').send(csv),
      415,
    );
    expect(await stored(['+15052345651'])).toEqual([]);
  });

  it('refuses a file over 1 MB with 413', async () => {
    const admin = await newAdmin(t);
    const big = `${HEADER}\n${`+15052345661,${'x'.repeat(90)},,,local,1\n`.repeat(12_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_048_576);
    expectProblem(await upload(admin.accessToken, big), 413);
  });

  it('imports 5,000 rows in one request, quickly', async () => {
    const admin = await newAdmin(t);
    const numbers: string[] = [];
    for (let exchange = 234; numbers.length < 5000; exchange++) {
      for (let line = 0; line < 1000 && numbers.length < 5000; line++) {
        const e164 = toE164(`+1617${exchange}${String(line).padStart(4, '0')}`);
        if (e164) numbers.push(e164);
      }
    }
    const csv = [
      HEADER,
      ...numbers.map((n, i) => `${n},Boston line ${i},Boston,MA,${i % 3 === 0 ? 'mobile' : 'local'},${(i % 50) / 10}`),
    ].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(100 * 1024);

    const started = Date.now();
    const res = await upload(admin.accessToken, csv).expect(200);
    const elapsed = Date.now() - started;
    expect(res.body).toEqual({ created: 5000, skipped: 0, errors: [], skippedRows: [] });
    expect(elapsed).toBeLessThan(15_000);
    const [count] = await t.sql<{ n: number; mobile: number }>(
      "SELECT COUNT(*) AS n, CAST(SUM(number_type = 'mobile') AS SIGNED) AS mobile FROM phone_numbers WHERE phone_number LIKE '+1617%'",
    );
    expect(Number(count?.n)).toBe(5000);
    expect(Number(count?.mobile)).toBe(1667);

    // The same file again: every row skipped as already there, nothing created.
    const again = await upload(admin.accessToken, csv).expect(200);
    expect(again.body).toMatchObject({ created: 0, skipped: 5000, errors: [] });
    expect(again.body.skippedRows[4999]).toEqual({ line: 5001, message: `${numbers[4999]} already exists` });
  });
});
