import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { activeClient, bearer, signUp, SignedUp } from '../support/accounts';
import { caller, placeCall } from '../support/calls';
import { expectProblem } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const HEADER = 'name,company,phoneNumber,label,email,notes';

/** GET/POST/PATCH/DELETE /contacts, search, the directory, CSV import and export: own contacts only. */
describe('contacts API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(
      { TRUST_PROXY: 'loopback' },
      { database: `test_contacts_${randomBytes(5).toString('hex')}` },
    );
  });
  afterAll(() => t.close());

  const dana = {
    name: 'Dana Whitfield',
    company: 'Acme Roofing',
    numbers: [
      { label: 'mobile', phoneNumber: '(909) 555-0142' },
      { label: 'work', phoneNumber: '+1 212 555 0147' },
    ],
    email: 'dana@acme-roofing.example',
    notes: 'Prefers mornings',
  };

  async function create(owner: SignedUp, body: Record<string, unknown>) {
    const res = await t.http().post('/api/v1/contacts').set(bearer(owner.accessToken)).send(body).expect(201);
    return res.body as { id: number; name: string; numbers: { label: string; phoneNumber: string }[] };
  }

  function upload(owner: SignedUp, body: string | Buffer, contentType = 'text/csv') {
    return t
      .http()
      .post('/api/v1/contacts/import')
      .set(bearer(owner.accessToken))
      .set('Content-Type', contentType)
      .send(body);
  }

  it('creates, reads, changes and deletes a contact, with numbers in E.164 and activity rows', async () => {
    const owner = await signUp(t); // pending accounts keep contacts too
    const created = await create(owner, dana);
    expect(created).toMatchObject({
      name: 'Dana Whitfield',
      company: 'Acme Roofing',
      numbers: [
        { label: 'mobile', phoneNumber: '+19095550142' },
        { label: 'work', phoneNumber: '+12125550147' },
      ],
      email: 'dana@acme-roofing.example',
      notes: 'Prefers mornings',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const got = await t.http().get(`/api/v1/contacts/${created.id}`).set(bearer(owner.accessToken)).expect(200);
    expect(got.body).toEqual(created);

    const patched = await t
      .http()
      .patch(`/api/v1/contacts/${created.id}`)
      .set(bearer(owner.accessToken))
      .send({ name: '  Dana W. ', company: null, numbers: [{ phoneNumber: '909.555.0199' }] })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: 'Dana W.',
      company: null,
      numbers: [{ label: 'mobile', phoneNumber: '+19095550199' }],
      email: 'dana@acme-roofing.example',
    });
    // An empty PATCH changes nothing and writes nothing.
    await t.http().patch(`/api/v1/contacts/${created.id}`).set(bearer(owner.accessToken)).send({}).expect(200);

    const directory = await t.http().get('/api/v1/contacts/directory').set(bearer(owner.accessToken)).expect(200);
    expect(directory.body).toEqual([
      { phoneNumber: '+19095550199', label: 'mobile', contactId: created.id, name: 'Dana W.', company: null },
    ]);

    await t.http().delete(`/api/v1/contacts/${created.id}`).set(bearer(owner.accessToken)).expect(204);
    expectProblem(await t.http().get(`/api/v1/contacts/${created.id}`).set(bearer(owner.accessToken)), 404);
    expect(await t.sql('SELECT id FROM contact_numbers WHERE contact_id = ?', [created.id])).toEqual([]);
    const actions = await t.sql<{ action: string; entity_type: string; entity_id: number }>(
      "SELECT action, entity_type, entity_id FROM activity_logs WHERE user_id = ? AND action LIKE 'contact%' ORDER BY id",
      [owner.user.id],
    );
    expect(actions).toEqual([
      { action: 'contact_created', entity_type: 'contact', entity_id: created.id },
      { action: 'contact_updated', entity_type: 'contact', entity_id: created.id },
      { action: 'contact_deleted', entity_type: 'contact', entity_id: created.id },
    ]);
  });

  it('answers 401 without credentials on every route', async () => {
    const routes: [string, string][] = [
      ['get', '/api/v1/contacts'],
      ['post', '/api/v1/contacts'],
      ['get', '/api/v1/contacts/directory'],
      ['get', '/api/v1/contacts/export'],
      ['post', '/api/v1/contacts/import'],
      ['get', '/api/v1/contacts/1'],
      ['patch', '/api/v1/contacts/1'],
      ['delete', '/api/v1/contacts/1'],
    ];
    for (const [method, path] of routes) {
      const agent = t.http() as unknown as Record<string, (p: string) => PromiseLike<import('supertest').Response>>;
      expectProblem(await agent[method](path), 401);
      expectProblem(await (agent[method](path) as unknown as import('supertest').Test).set(bearer('nope')), 401);
    }
  });

  it('works with an API key, and a suspended owner is 403 on every route', async () => {
    const owner = await activeClient(t);
    const keyRes = await t
      .http()
      .post('/api/v1/api-keys')
      .set(bearer(owner.accessToken))
      .send({ keyName: 'CRM' })
      .expect(201);
    const key = keyRes.body.key as string;
    const created = await t.http().post('/api/v1/contacts').set('X-API-Key', key).send({ name: 'Via key' }).expect(201);
    await t.http().get('/api/v1/contacts').set('X-API-Key', key).expect(200);
    await t
      .http()
      .post('/api/v1/contacts/import')
      .set('X-API-Key', key)
      .set('Content-Type', 'text/csv')
      .send(`${HEADER}\nKeyed,,,,,\n`)
      .expect(200);

    await t.sql("UPDATE users SET status = 'suspended' WHERE id = ?", [owner.user.id]);
    const id = created.body.id as number;
    for (const auth of [{ 'X-API-Key': key }, bearer(owner.accessToken)]) {
      expectProblem(await t.http().get('/api/v1/contacts').set(auth), 403);
      expectProblem(await t.http().post('/api/v1/contacts').set(auth).send({ name: 'X' }), 403);
      expectProblem(await t.http().get('/api/v1/contacts/directory').set(auth), 403);
      expectProblem(await t.http().get('/api/v1/contacts/export').set(auth), 403);
      expectProblem(
        await t.http().post('/api/v1/contacts/import').set(auth).set('Content-Type', 'text/csv').send('name\nX\n'),
        403,
      );
      expectProblem(await t.http().get(`/api/v1/contacts/${id}`).set(auth), 403);
      expectProblem(await t.http().patch(`/api/v1/contacts/${id}`).set(auth).send({ name: 'Y' }), 403);
      expectProblem(await t.http().delete(`/api/v1/contacts/${id}`).set(auth), 403);
    }
  });

  it("never shows, changes or deletes another user's contact (404), nor lists or exports it", async () => {
    const owner = await activeClient(t);
    const other = await activeClient(t);
    const mine = await create(owner, dana);
    for (const res of [
      await t.http().get(`/api/v1/contacts/${mine.id}`).set(bearer(other.accessToken)),
      await t.http().patch(`/api/v1/contacts/${mine.id}`).set(bearer(other.accessToken)).send({ name: 'Stolen' }),
      await t.http().delete(`/api/v1/contacts/${mine.id}`).set(bearer(other.accessToken)),
      await t.http().get('/api/v1/contacts/99999999').set(bearer(owner.accessToken)),
    ]) {
      expectProblem(res, 404, 'Contact not found');
    }
    const list = await t.http().get('/api/v1/contacts?q=Dana').set(bearer(other.accessToken)).expect(200);
    expect(list.body.data).toEqual([]);
    const directory = await t.http().get('/api/v1/contacts/directory').set(bearer(other.accessToken)).expect(200);
    expect(directory.body).toEqual([]);
    const csv = await t.http().get('/api/v1/contacts/export').set(bearer(other.accessToken)).expect(200);
    expect(csv.text.trim()).toBe(HEADER);
    expect(
      (await t.http().get(`/api/v1/contacts/${mine.id}`).set(bearer(owner.accessToken)).expect(200)).body.name,
    ).toBe('Dana Whitfield');
  });

  it('refuses bad input with a 400 problem naming the field', async () => {
    const owner = await activeClient(t);
    const { id } = await create(owner, { name: 'Valid' });
    const post = (body: unknown) =>
      t
        .http()
        .post('/api/v1/contacts')
        .set(bearer(owner.accessToken))
        .send(body as object);
    const patch = (body: unknown) =>
      t
        .http()
        .patch(`/api/v1/contacts/${id}`)
        .set(bearer(owner.accessToken))
        .send(body as object);
    const cases: [Promise<import('supertest').Response>, string][] = [
      [post({}), 'name'],
      [post({ name: '   ' }), 'name'],
      [post({ name: 'x'.repeat(101) }), 'name'],
      [post({ name: 42 }), 'name'],
      [post({ name: 'A', email: 'not-an-email' }), 'email'],
      [post({ name: 'A', company: 'c'.repeat(101) }), 'company'],
      [post({ name: 'A', notes: 'n'.repeat(2001) }), 'notes'],
      [post({ name: 'A', numbers: 'x' }), 'numbers'],
      [post({ name: 'A', numbers: null }), 'numbers'],
      [post({ name: 'A', numbers: [null] }), 'numbers.0'],
      [post({ name: 'A', numbers: ['+19095550142'] }), 'numbers.0'],
      [post({ name: 'A', numbers: [{ phoneNumber: 19095550142 }] }), 'numbers.0.phoneNumber'],
      [post({ name: 'A', numbers: [{ phoneNumber: '+19095550142', extra: 1 }] }), 'numbers.0.extra'],
      [post({ name: 'A', numbers: [{ phoneNumber: '555' }] }), 'numbers.0.phoneNumber'],
      [post({ name: 'A', numbers: [{ label: 'home' }] }), 'numbers.0.phoneNumber'],
      [post({ name: 'A', numbers: [{ phoneNumber: '+19095550142', label: 'l'.repeat(31) }] }), 'numbers.0.label'],
      [
        post({ name: 'A', numbers: [{ phoneNumber: '+19095550142' }, { phoneNumber: '(909) 555-0142' }] }),
        'numbers.1.phoneNumber',
      ],
      [
        post({ name: 'A', numbers: Array.from({ length: 11 }, (_, i) => ({ phoneNumber: `+1909555${1000 + i}` })) }),
        'numbers',
      ],
      [post({ name: 'A', role: 'admin' }), 'role'],
      [patch({ name: null }), 'name'],
      [patch({ name: '' }), 'name'],
      [patch({ numbers: null }), 'numbers'],
      [patch({ numbers: [{ phoneNumber: 'abc' }] }), 'numbers.0.phoneNumber'],
      [patch({ id: 5 }), 'id'],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    // Not JSON objects, bad ids and bad queries: 400s too, never a 5xx.
    expectProblem(await post([]), 400);
    expectProblem(
      await t
        .http()
        .post('/api/v1/contacts')
        .set(bearer(owner.accessToken))
        .set('Content-Type', 'application/json')
        .send('{'),
      400,
    );
    expectProblem(await t.http().get('/api/v1/contacts/abc').set(bearer(owner.accessToken)), 400);
    expectProblem(await t.http().get('/api/v1/contacts?pageSize=101').set(bearer(owner.accessToken)), 400);
    expectProblem(
      await t
        .http()
        .get(`/api/v1/contacts?q=${'q'.repeat(101)}`)
        .set(bearer(owner.accessToken)),
      400,
    );
    expectProblem(await t.http().get('/api/v1/contacts?sort=name').set(bearer(owner.accessToken)), 400);
  });

  it('searches by name, company or number however the number is typed, paginated', async () => {
    const owner = await activeClient(t);
    await create(owner, dana);
    await create(owner, { name: 'Bob Ortega', company: 'Harbor Tours', numbers: [{ phoneNumber: '+13105550188' }] });
    await create(owner, { name: '100% Percent_Co' });
    const names = async (q: string) => {
      const res = await t.http().get('/api/v1/contacts').query({ q }).set(bearer(owner.accessToken)).expect(200);
      return (res.body.data as { name: string }[]).map((c) => c.name);
    };
    expect(await names('dana')).toEqual(['Dana Whitfield']);
    expect(await names('harbor')).toEqual(['Bob Ortega']);
    expect(await names('(909) 555-01')).toEqual(['Dana Whitfield']);
    expect(await names('909.555.0142')).toEqual(['Dana Whitfield']);
    expect(await names('1 310 555')).toEqual(['Bob Ortega']);
    expect(await names('+12125550147')).toEqual(['Dana Whitfield']);
    expect(await names('555')).toEqual(['Bob Ortega', 'Dana Whitfield']);
    expect(await names('%')).toEqual(['100% Percent_Co']);
    expect(await names('_')).toEqual(['100% Percent_Co']);
    expect(await names('nobody')).toEqual([]);

    const page = await t.http().get('/api/v1/contacts?page=2&pageSize=2').set(bearer(owner.accessToken)).expect(200);
    expect(page.body.meta).toEqual({ page: 2, pageSize: 2, total: 3, totalPages: 2 });
    expect(page.body.data.map((c: { name: string }) => c.name)).toEqual(['Dana Whitfield']);
  });

  it('imports a CSV with a per-line report: good lines created, bad ones refused with why, repeats skipped', async () => {
    const owner = await activeClient(t);
    await create(owner, { name: 'Existing Person', numbers: [{ phoneNumber: '+13105550100' }] });
    const csv = [
      HEADER,
      'Dana Whitfield,Acme Roofing,(909) 555-0142,mobile,dana@acme-roofing.example,Prefers mornings', // 2
      'Dana Whitfield,Acme Roofing,+12125550147,work,dana@acme-roofing.example,', // 3 joins line 2
      'Dana Whitfield,Acme Roofing,909-555-0142,home,dana@acme-roofing.example,', // 4 repeats line 2
      'Bad Number,,555,,,', // 5 refused
      'Half Good,,+13105550111,,,', // 6 refused with line 7
      'Half Good,,+13105550112,,bad-email,', // 7 refused
      ',NoName Inc,+13105550113,,,', // 8 refused
      'Existing Person,,+13105550100,,,', // 9 skipped: already in my contacts
      '"Quoted, Name",,,,,"line one', // 10-11: a quoted field over two lines
      'line two"',
    ].join('\n');
    const res = await upload(owner, csv).expect(200);
    expect(res.body).toMatchObject({ created: 3, contactsCreated: 2, skipped: 2 });
    expect(res.body.errors).toEqual([
      { line: 5, message: 'phoneNumber "555" is not a valid phone number' },
      { line: 6, message: expect.stringMatching(/Half Good has a refused line \(7\)/) },
      { line: 7, message: 'email "bad-email" is not an email address' },
      { line: 8, message: 'name is required' },
    ]);
    expect(res.body.lines.map((l: { line: number; outcome: string }) => [l.line, l.outcome])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'skipped'],
      [5, 'refused'],
      [6, 'refused'],
      [7, 'refused'],
      [8, 'refused'],
      [9, 'skipped'],
      [11, 'created'],
    ]);
    const list = await t.http().get('/api/v1/contacts').set(bearer(owner.accessToken)).expect(200);
    expect(list.body.data.map((c: { name: string }) => c.name)).toEqual([
      'Dana Whitfield',
      'Existing Person',
      'Quoted, Name',
    ]);
    const imported = list.body.data[0];
    expect(imported).toMatchObject({
      company: 'Acme Roofing',
      email: 'dana@acme-roofing.example',
      notes: 'Prefers mornings',
      numbers: [
        { label: 'mobile', phoneNumber: '+19095550142' },
        { label: 'work', phoneNumber: '+12125550147' },
      ],
    });
    expect(list.body.data[2]).toMatchObject({ numbers: [], notes: 'line one\nline two' });
    const [{ n }] = await t.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM activity_logs WHERE user_id = ? AND action = 'contacts_imported'",
      [owner.user.id],
    );
    expect(Number(n)).toBe(1);

    // The same file again creates nothing: every good line is already there.
    const again = await upload(owner, csv).expect(200);
    expect(again.body).toMatchObject({ created: 0, contactsCreated: 0, skipped: 5 });
  });

  it('writes an import all or nothing: past the contacts limit it is a 409 and no contact of the file is kept', async () => {
    const owner = await activeClient(t);
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    const values = Array.from({ length: 4999 }, (_, i) => [owner.user.id, `Filler ${i}`, now, now]);
    await t.sql('INSERT INTO contacts (user_id, name, created_at, updated_at) VALUES ?', [values]);
    const res = await upload(owner, `${HEADER}\nFirst New,,+13105550101,,,\nSecond New,,+13105550102,,,\n`);
    expectProblem(res, 409, /5000/);
    const [{ n }] = await t.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM contacts WHERE user_id = ? AND name LIKE '%New'",
      [owner.user.id],
    );
    expect(Number(n)).toBe(0);
    expect(await t.sql('SELECT id FROM contact_numbers WHERE user_id = ?', [owner.user.id])).toEqual([]);
    // One more still fits, and then a single contact is refused too.
    await upload(owner, `${HEADER}\nFirst New,,+13105550101,,,\n`).expect(200);
    expectProblem(await t.http().post('/api/v1/contacts').set(bearer(owner.accessToken)).send({ name: 'X' }), 409);
  });

  it('refuses a file that is not a CSV contact list as a whole (400 or 415), writing nothing', async () => {
    const owner = await activeClient(t);
    const cases: [string | Buffer, RegExp][] = [
      ['', /empty/],
      [`${HEADER}\n`, /header but no contacts/],
      ['phone,who\n+19095550142,Dana\n', /Unknown columns in the header/],
      ['company,phoneNumber\nAcme,+19095550142\n', /no name column/],
      ['name,name\nA,B\n', /names name twice/],
      ['name,notes\n"unterminated,x\n', /could not be read/],
      [
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
        /not a CSV|could not be read|Unknown column/,
      ],
      ['{"name": "Dana", "phoneNumber": "+19095550142"}', /could not be read|Unknown column/],
    ];
    for (const [body, detail] of cases) expectProblem(await upload(owner, body), 400, detail);
    expectProblem(await upload(owner, 'name\nDana\n', 'text/plain'), 415);
    expectProblem(
      await t.http().post('/api/v1/contacts/import').set(bearer(owner.accessToken)).send({ name: 'Dana' }),
      415,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/contacts')
        .set(bearer(owner.accessToken))
        .set('Content-Type', 'text/csv')
        .send('name\nDana\n'),
      415,
    );
    const [{ n }] = await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM contacts WHERE user_id = ?', [owner.user.id]);
    expect(Number(n)).toBe(0);
  });

  it('exports CSV that imports back, with formula-like text neutralised', async () => {
    const owner = await activeClient(t);
    await create(owner, dana);
    await create(owner, {
      name: '=HYPERLINK("http://evil.example","click")',
      company: '+cmd',
      numbers: [{ label: '@label', phoneNumber: '+13105550188' }],
      email: null,
      notes: '-2+3',
    });
    await create(owner, { name: 'No Numbers', notes: 'Line one\nline, two' });
    const res = await t.http().get('/api/v1/contacts/export').set(bearer(owner.accessToken)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        name: `'=HYPERLINK("http://evil.example","click")`,
        company: `'+cmd`,
        phoneNumber: '+13105550188',
        label: `'@label`,
        email: '',
        notes: `'-2+3`,
      },
      expect.objectContaining({ name: 'Dana Whitfield', phoneNumber: '+19095550142', label: 'mobile' }),
      expect.objectContaining({ name: 'Dana Whitfield', phoneNumber: '+12125550147', label: 'work' }),
      { name: 'No Numbers', company: '', phoneNumber: '', label: '', email: '', notes: 'Line one\nline, two' },
    ]);

    // Into another account, the file makes the same contacts.
    const other = await activeClient(t);
    const imported = await upload(other, res.text).expect(200);
    expect(imported.body).toMatchObject({ created: 4, contactsCreated: 3, skipped: 0, errors: [] });
    const dir = await t.http().get('/api/v1/contacts/directory').set(bearer(other.accessToken)).expect(200);
    expect(dir.body.map((d: { phoneNumber: string }) => d.phoneNumber).sort()).toEqual([
      '+12125550147',
      '+13105550188',
      '+19095550142',
    ]);
  });

  it("names calls with the contact holding the other party's number (contactName), mine only", async () => {
    const me = await caller(t);
    const placed = await placeCall(t, me.accessToken, { toNumber: '+15005550002' }).expect(201);
    expect(placed.body).not.toHaveProperty('contactName');
    const other = await activeClient(t);
    await create(other, { name: 'Not Mine', numbers: [{ phoneNumber: '+15005550002' }] });
    const get = () => t.http().get(`/api/v1/calls/${placed.body.id}`).set(bearer(me.accessToken)).expect(200);
    expect((await get()).body).not.toHaveProperty('contactName');

    await create(me, { name: 'Busy Signal', numbers: [{ phoneNumber: '(500) 555-0002' }] });
    expect((await get()).body.contactName).toBe('Busy Signal');
    const list = await t.http().get('/api/v1/calls').set(bearer(me.accessToken)).expect(200);
    expect(list.body.data.map((c: { contactName?: string }) => c.contactName)).toEqual(['Busy Signal']);
    const again = await placeCall(t, me.accessToken, { toNumber: '500-555-0002' }).expect(201);
    expect(again.body.contactName).toBe('Busy Signal');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/contacts'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/api/v1/contacts/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(paths['/api/v1/contacts/import']).toHaveProperty('post');
    expect(paths['/api/v1/contacts/export']).toHaveProperty('get');
    expect(paths['/api/v1/contacts/directory']).toHaveProperty('get');
  });
});
