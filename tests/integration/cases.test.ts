/** Case management through the API, on both engines: intake to closure, validation, locking, tenancy, encryption, audit. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { intake } from './support/fixtures';

/** An ISO date `years` years (and `days` days) before now, so no test depends on today's date. */
function isoAgo(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('cases on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
  });
  afterAll(() => t.close());

  async function newCase(overrides: Record<string, unknown> = {}) {
    const res = await worker.post('/api/cases', intake(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  test('an intake creates a case in contact status owned by the caseworker, with the chosen term and minor flag', async () => {
    const c = await newCase();
    expect(c).toMatchObject({
      status: 'contact',
      version: 1,
      person: { givenName: 'Demo', familyName: 'Person 501', chosenTerm: 'survivor', isMinor: false },
      intake: { channel: 'hotline', immediateNeeds: ['shelter', 'medical'] },
    });
    expect(c.reference).toMatch(/^NOR-\d{4}-\d{4}$/);
    expect(c.allowedTransitions).toEqual(expect.arrayContaining(['identification', 'paused', 'closed']));
  });

  test('identifying fields and secrets are encrypted at rest', async () => {
    const c = await newCase();
    const person = await sql<{
      identity_enc: string;
    }>`SELECT identity_enc FROM persons WHERE id = ${c.person.id}`.execute(t.ctx.db.system);
    expect(person.rows[0].identity_enc).toMatch(/^enc1\./);
    expect(person.rows[0].identity_enc).not.toContain('Person 501');
    const dump = await sql<{ d: string }>`SELECT string_agg(t::text, '|') AS d FROM case_entries t`.execute(
      t.ctx.db.system,
    );
    expect(dump.rows[0].d).not.toContain('old address');
  });

  test('exact search (match=exact) is on the blind-indexed whole name and date of birth', async () => {
    await newCase({ person: { givenName: 'Demo', familyName: 'Person 777', dateOfBirth: '2001-01-01' } });
    const byName = await worker.get('/api/cases?q=demo%20PERSON%20777&match=exact');
    expect(byName.body.cases.map((c: any) => c.personName)).toEqual(['Demo Person 777']);
    const byDob = await worker.get('/api/cases?dob=2001-01-01');
    expect(byDob.body.total).toBe(1);
    expect((await worker.get('/api/cases?q=Person%20777&match=exact')).body.total).toBe(0);
  });

  test('paged totals match the filtered rows, whether or not the count query is needed', async () => {
    for (const n of [511, 512, 513, 514]) await newCase({ person: { givenName: 'Demo', familyName: `Person ${n}` } });
    const counts = await sql<{
      status: string;
      n: string;
    }>`SELECT c.status, count(*) AS n FROM cases c JOIN organisations o ON o.id = c.organisation_id WHERE o.slug = 'north' GROUP BY c.status`.execute(
      t.ctx.db.system,
    );
    const all = counts.rows.reduce((sum, r) => sum + Number(r.n), 0);
    const contact = Number(counts.rows.find((r) => r.status === 'contact')?.n ?? 0);
    expect(all).toBeGreaterThan(3);
    const firstPage = (await worker.get('/api/cases?limit=2')).body;
    expect(firstPage.cases).toHaveLength(2);
    expect(firstPage.total).toBe(all);
    const lastPage = (await worker.get(`/api/cases?limit=2&offset=${all - 1}`)).body;
    expect(lastPage.cases).toHaveLength(1);
    expect(lastPage.total).toBe(all);
    expect((await worker.get('/api/cases?status=contact&limit=1')).body.total).toBe(contact);
    expect((await worker.get('/api/cases?limit=100')).body.total).toBe(all);
  });

  test('identification derives the Palermo definition and shows the steps; minors need no means', async () => {
    const c = await newCase({ person: { givenName: 'Demo', familyName: 'Person 502', dateOfBirth: isoAgo(16) } });
    expect(c.person.isMinor).toBe(true);
    const res = await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'identification',
      data: {
        acts: ['recruitment'],
        means: [],
        purposes: ['sexual_exploitation'],
        formsOfExploitation: ['sexual'],
        assessedOn: isoAgo(0, 1),
        actsDate: isoAgo(1),
      },
    });
    expect(res.status).toBe(201);
    // A child's consent never negates trafficking.
    expect(res.body.data.derivation).toMatchObject({ definitionMet: true, consentIrrelevant: true });
    const detail = (await worker.get(`/api/cases/${c.id}`)).body;
    expect(detail.identification.derivation.steps.map((s: any) => s.explanationKey)).toContain(
      'palermo.step.meansNotRequiredMinor',
    );
  });

  test('determinations, migration status, sex work and her own account are separate records', async () => {
    const c = await newCase();
    for (const [kind, data] of [
      ['determination_organisation', { outcome: 'determined', decidedBy: 'Demo Caseworker', decidedOn: daysAgo(59) }],
      ['determination_authority', { outcome: 'pending', authority: 'Demo Prosecutor', decidedOn: daysAgo(58) }],
      ['migration_status', { status: 'irregular', recordedOn: daysAgo(59) }],
      ['sex_work', { doesSexWork: 'not_asked', recordedOn: daysAgo(59) }],
      ['own_account', { text: 'Demo words in her own voice', recordedOn: daysAgo(59) }],
    ] as const) {
      expect((await worker.post(`/api/cases/${c.id}/entries`, { kind, data })).status, kind).toBe(201);
    }
    const kinds = (await worker.get(`/api/cases/${c.id}/entries`)).body.entries.map((e: any) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'determination_organisation',
        'determination_authority',
        'migration_status',
        'sex_work',
        'own_account',
      ]),
    );
    const own = (await worker.get(`/api/cases/${c.id}/entries?kind=own_account`)).body.entries[0];
    expect(own.data.text).toBe('Demo words in her own voice');
  });

  test('consent per purpose: granted, withdrawn at once, and withdrawing twice is a 409', async () => {
    const c = await newCase();
    const grant = {
      purpose: 'follow_up_contact',
      action: 'granted',
      language: 'ro',
      interpreterUsed: true,
      recordedOn: daysAgo(57),
    };
    expect((await worker.post(`/api/cases/${c.id}/entries`, { kind: 'consent', data: grant })).status).toBe(201);
    expect((await worker.get(`/api/cases/${c.id}`)).body.consents).toEqual([
      expect.objectContaining({ purpose: 'follow_up_contact', granted: true }),
    ]);
    const withdraw = { ...grant, action: 'withdrawn' };
    expect((await worker.post(`/api/cases/${c.id}/entries`, { kind: 'consent', data: withdraw })).status).toBe(201);
    expect((await worker.get(`/api/cases/${c.id}`)).body.consents[0].granted).toBe(false);
    const twice = await worker.post(`/api/cases/${c.id}/entries`, { kind: 'consent', data: withdraw });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('consent_already_withdrawn');
  });

  test('the full path: identification, reflection with computed end, programme, pause, reopen, close', async () => {
    const c = await newCase();
    let v = c.version;
    const move = async (body: Record<string, unknown>) => {
      const res = await worker.post(`/api/cases/${c.id}/transitions`, { ...body, version: v });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      v = res.body.version;
      return res.body;
    };
    await move({ to: 'identification' });
    await move({ to: 'reflection' });
    const patched = await worker.patch(`/api/cases/${c.id}`, {
      country: 'SK',
      programmeType: 'sk_iom_return_reintegration',
      version: v,
    });
    expect(patched.status).toBe(200);
    v = patched.body.version;
    const reflection = await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'legal_event',
      data: { type: 'reflection_period', date: daysAgo(52) },
    });
    expect(reflection.body.data.endDate).toBe(daysAgo(12));
    await move({ to: 'programme' });
    expect((await move({ to: 'paused', reason: 'lost_contact' })).pausedFrom).toBe('programme');
    expect((await move({ to: 'reopened', note: 'She came back' })).status).toBe('programme');
    const closed = await move({ to: 'closed', reason: 'programme_completed' });
    expect(closed).toMatchObject({
      status: 'closed',
      closureReason: 'programme_completed',
      allowedTransitions: ['reopened'],
    });
    const edit = await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'service',
      data: { service: 'social_counselling', deliveredOn: daysAgo(51), provider: 'own' },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('case_closed');
    const timeline = (await worker.get(`/api/cases/${c.id}/timeline`)).body.events.map((e: any) => e.kind);
    expect(timeline).toEqual(
      expect.arrayContaining(['case.opened', 'case.advanced', 'case.paused', 'case.resumed', 'case.closed']),
    );
  });

  test('bad input is a clear 4xx and writes nothing', async () => {
    const c = await newCase();
    const cases: [string, unknown, number, string][] = [
      // A plausible year (2999 is refused at the field as no real date: see the dashboard test).
      ['future birth date', intake({ person: { givenName: 'Demo', dateOfBirth: daysAgo(-400) } }), 400, 'future_date'],
      [
        'unknown channel',
        intake({
          intake: { channel: 'carrier_pigeon', contactDate: daysAgo(61), mediatorUsed: false, immediateNeeds: [] },
        }),
        400,
        'unknown_list_value',
      ],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await worker.post('/api/cases', body);
      expect([res.status, res.body.error.code], name).toEqual([status, code]);
    }
    const endBeforeStart = await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'placement',
      data: { type: 'emergency', startOn: daysAgo(52), endOn: daysAgo(61) },
    });
    expect(endBeforeStart.body.error.code).toBe('invalid_date_range');
    const pauseWithoutReason = await worker.post(`/api/cases/${c.id}/transitions`, {
      to: 'paused',
      version: c.version,
    });
    expect(pauseWithoutReason.status).toBe(400);
    expect((await worker.get(`/api/cases/${c.id}`)).body.status).toBe('contact');
  });

  test('two concurrent writers: one gets 409, the other write is kept', async () => {
    const c = await newCase();
    const other = await t.as('case_owner@north.demo.test');
    const [a, b] = await Promise.all([
      worker.patch(`/api/cases/${c.id}/person`, { pronouns: 'she/her', version: c.person.version }),
      other.patch(`/api/cases/${c.id}/person`, { preferredLanguage: 'en', version: c.person.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = (await worker.get(`/api/cases/${c.id}`)).body.person;
    const winner = a.status === 200 ? { pronouns: 'she/her' } : { preferredLanguage: 'en' };
    expect(after).toMatchObject({ ...winner, version: 2 });
  });

  test('revising a record keeps the previous version', async () => {
    const c = await newCase();
    const created = (
      await worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'objective',
        data: { title: 'Health check-up', status: 'open', microObjectives: [] },
      })
    ).body;
    const revised = await worker.patch(`/api/cases/${c.id}/entries/${created.id}`, {
      data: { title: 'Health check-up', status: 'achieved', microObjectives: [] },
      version: 1,
      reason: 'Achieved',
    });
    expect(revised.body).toMatchObject({ version: 2, data: { status: 'achieved' } });
    expect(
      (
        await worker.patch(`/api/cases/${c.id}/entries/${created.id}`, {
          data: { title: 'x', status: 'open', microObjectives: [] },
          version: 1,
          reason: 'stale',
        })
      ).status,
    ).toBe(409);
    const versions = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM case_entries WHERE id = ${created.id}`.execute(t.ctx.db.system);
    expect(versions.rows[0].n).toBe(2);
  });

  test('owner hand-over is audited with a reason, and every read is in the case audit trail', async () => {
    const c = await newCase();
    const staff = (await worker.get('/api/staff')).body.staff;
    const owner = staff.find((s: any) => s.roles.includes('case_owner'));
    const res = await worker.post(`/api/cases/${c.id}/owner`, {
      ownerId: owner.id,
      reason: 'Demo hand-over',
      version: c.version,
    });
    expect(res.body.owner.id).toBe(owner.id);
    const auditor = await t.as('auditor@north.demo.test');
    const trail = (await auditor.get(`/api/cases/${c.id}/audit`)).body.entries.map((e: any) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['case.create', 'case.read', 'case.owner_change']));
    expect((await auditor.get(`/api/cases/${c.id}`)).status).toBe(403);
    // The new owner sees who accessed her case; the former owner, now only a colleague, does not.
    const newOwner = await t.as('case_owner@north.demo.test');
    expect((await newOwner.get(`/api/cases/${c.id}`)).body.permissions.readAudit).toBe(true);
    const ownView = await newOwner.get(`/api/cases/${c.id}/audit`);
    expect(ownView.status).toBe(200);
    expect(ownView.body.entries.map((e: any) => e.action)).toContain('case.owner_change');
    expect((await worker.get(`/api/cases/${c.id}`)).body.permissions.readAudit).toBe(false);
    expect((await worker.get(`/api/cases/${c.id}/audit`)).status).toBe(403);
    expect(JSON.stringify(ownView.body)).not.toContain('Demo hand-over');
  });

  test('another organisation sees nothing: 404 through the API and zero rows under RLS', async () => {
    const c = await newCase();
    const south = await t.as('caseworker@south.demo.test');
    expect((await south.get(`/api/cases/${c.id}`)).status).toBe(404);
    expect((await south.get('/api/cases')).body.cases.some((x: any) => x.id === c.id)).toBe(false);
    const southId = (
      await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(t.ctx.db.system)
    ).rows[0].id;
    const rows = await t.ctx.db.system.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE ariadne_app`.execute(tx);
      await sql`SELECT set_config('app.organisation_id', ${southId}, true)`.execute(tx);
      const r = await sql<{
        n: number;
      }>`SELECT (SELECT count(*) FROM cases WHERE id = ${c.id}) + (SELECT count(*) FROM persons WHERE id = ${c.person.id}) + (SELECT count(*) FROM case_entries WHERE case_id = ${c.id}) AS n`.execute(
        tx,
      );
      return Number(r.rows[0].n);
    });
    expect(rows).toBe(0);
  });

  test('the agenda lists the owner’s deadlines with overdue ones flagged', async () => {
    const c = await newCase();
    await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'review',
      data: { reviewedOn: daysAgo(325), notes: 'Demo review', nextReviewOn: daysAgo(294) },
    });
    const items = (await worker.get('/api/agenda')).body.items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: c.id, kind: 'review_due', overdue: true, caseReference: c.reference }),
      ]),
    );
  });

  describe('minors: the age that counts is the age at the time of the acts', () => {
    const assess = (extra: Record<string, unknown>) => ({
      kind: 'identification',
      data: {
        acts: ['recruitment'],
        means: [],
        purposes: ['sexual_exploitation'],
        formsOfExploitation: ['sexual'],
        assessedOn: isoAgo(0, 1),
        ...extra,
      },
    });
    async function views(caseId: string) {
      const overview = (await worker.get(`/api/cases/${caseId}`)).body.identification;
      const records = (await worker.get(`/api/cases/${caseId}/entries?kind=identification`)).body.entries;
      return { overview, record: records[0].data };
    }

    test('recruited at 16 and met at 19: met without means, the same in the overview and the records, and a pronoun edit changes nothing', async () => {
      // 19 years and a few days old today; the acts began three years ago, when she was 16.
      const c = await newCase({ person: { givenName: 'Demo', familyName: 'Person 520', dateOfBirth: isoAgo(19, 10) } });
      const res = await worker.post(`/api/cases/${c.id}/entries`, assess({ actsDate: isoAgo(3) }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.data).toMatchObject({
        isMinor: true,
        minorBasis: 'date_of_birth',
        derivation: { definitionMet: true, consentIrrelevant: true },
      });
      const before = await views(c.id);
      expect(before.overview).toMatchObject({
        actsDate: isoAgo(3),
        isMinor: true,
        minorBasis: 'date_of_birth',
        derivation: { definitionMet: true },
      });
      expect(before.overview.derivation).toEqual(before.record.derivation);
      expect(before.overview.derivation.steps.map((s: any) => s.explanationKey)).toEqual(
        expect.arrayContaining(['palermo.step.meansNotRequiredMinor', 'palermo.step.consentIrrelevantMinor']),
      );

      const edited = await worker.patch(`/api/cases/${c.id}/person`, {
        pronouns: 'she/her',
        version: c.person.version,
      });
      expect(edited.status).toBe(200);
      expect(edited.body.identification.derivation).toEqual(before.overview.derivation);
      const after = await views(c.id);
      expect(after.overview.derivation).toEqual(before.overview.derivation);
      expect(after.record.derivation).toEqual(before.record.derivation);
    });

    test('without an acts date or an explicit answer the result is undetermined, whatever her age today or at intake', async () => {
      const c = await newCase({ person: { givenName: 'Demo', familyName: 'Person 521', dateOfBirth: isoAgo(16) } });
      expect(c.person.isMinor).toBe(true);
      const res = await worker.post(`/api/cases/${c.id}/entries`, assess({}));
      expect(res.body.data).toMatchObject({
        isMinor: null,
        minorBasis: null,
        derivation: { definitionMet: 'undetermined' },
      });
      expect((await views(c.id)).overview).toMatchObject({
        isMinor: null,
        derivation: { definitionMet: 'undetermined' },
      });
    });

    test('the explicit answer wins, with or without a date of birth', async () => {
      const c = await newCase({ person: { givenName: 'Demo', familyName: 'Person 522' } });
      const yes = await worker.post(`/api/cases/${c.id}/entries`, assess({ minorAtActs: 'yes' }));
      expect(yes.body.data).toMatchObject({
        minorAtActs: 'yes',
        isMinor: true,
        minorBasis: 'explicit',
        derivation: { definitionMet: true, consentIrrelevant: true },
      });
      const no = await worker.patch(`/api/cases/${c.id}/entries/${yes.body.id}`, {
        data: { ...assess({ minorAtActs: 'no', actsDate: isoAgo(2) }).data },
        version: 1,
        reason: 'She was not a minor',
      });
      expect(no.status, JSON.stringify(no.body)).toBe(200);
      expect(no.body.data).toMatchObject({
        isMinor: false,
        minorBasis: 'explicit',
        derivation: { definitionMet: false },
      });
      expect((await views(c.id)).overview).toMatchObject({
        minorAtActs: 'no',
        isMinor: false,
        derivation: { definitionMet: false },
      });
    });

    test('correcting her date of birth corrects the result (the age is derived from the acts date on read)', async () => {
      const c = await newCase({ person: { givenName: 'Demo', familyName: 'Person 523', dateOfBirth: isoAgo(40) } });
      await worker.post(`/api/cases/${c.id}/entries`, assess({ actsDate: isoAgo(15) }));
      expect((await views(c.id)).overview.derivation.definitionMet).toBe(false);
      const corrected = await worker.patch(`/api/cases/${c.id}/person`, {
        dateOfBirth: isoAgo(30),
        version: c.person.version,
      });
      expect(corrected.body.identification).toMatchObject({ isMinor: true, derivation: { definitionMet: true } });
      expect((await views(c.id)).record).toMatchObject({ isMinor: true, derivation: { definitionMet: true } });
    });

    test('records written before the acts date existed: their stored intake-age isMinor is not read', async () => {
      const c = await newCase({ person: { givenName: 'Demo', familyName: 'Person 524', dateOfBirth: isoAgo(40) } });
      const res = await worker.post(`/api/cases/${c.id}/entries`, assess({}));
      await sql`UPDATE case_entries SET data = data || '{"isMinor": true}'::jsonb WHERE id = ${res.body.id}`.execute(
        t.ctx.db.system,
      );
      const { overview, record } = await views(c.id);
      expect(overview).toMatchObject({ isMinor: null, derivation: { definitionMet: 'undetermined' } });
      expect(record).toMatchObject({ isMinor: null, derivation: { definitionMet: 'undetermined' } });
    });

    test('the acts date is checked on its own field: not in the future, not before her birth, a calendar date', async () => {
      const c = await newCase({ person: { givenName: 'Demo', familyName: 'Person 525', dateOfBirth: isoAgo(20) } });
      const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
      for (const [actsDate, code] of [
        [future, 'future_date'],
        [isoAgo(21), 'acts_before_birth'],
        // No such day: refused by the shared isoDate at the field (an invalid_format issue of format date).
        ['2020-02-31', 'invalid_format'],
        ['yesterday', 'invalid_format'],
      ]) {
        const res = await worker.post(`/api/cases/${c.id}/entries`, assess({ actsDate }));
        expect(res.status, actsDate).toBe(400);
        expect(res.body.error.details, actsDate).toEqual([
          expect.objectContaining({ path: ['data', 'actsDate'], ...(code === 'invalid_format' ? {} : { code }) }),
        ]);
      }
      expect((await worker.post(`/api/cases/${c.id}/entries`, assess({ minorAtActs: 'maybe' }))).status).toBe(400);
      expect((await worker.get(`/api/cases/${c.id}/entries?kind=identification`)).body.entries).toHaveLength(0);
    });
  });

  describe('persons, not cases: a new case for a person already known', () => {
    const followUp = (personId: string) => ({
      personId,
      intake: { channel: 'self_referral', contactDate: isoAgo(0, 1), mediatorUsed: false, immediateNeeds: ['medical'] },
      risk: { level: 'low' },
    });
    async function closedCase(familyName: string) {
      const c = await newCase({ person: { givenName: 'Demo', familyName, dateOfBirth: '1995-03-04' } });
      const closed = await worker.post(`/api/cases/${c.id}/transitions`, {
        to: 'closed',
        reason: 'programme_completed',
        version: c.version,
      });
      expect(closed.status).toBe(200);
      expect(closed.body.permissions.openNewCase).toBe(true);
      return closed.body;
    }
    const countPersons = async () =>
      Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(t.ctx.db.system)).rows[0].n);

    test('the person row is reused: same identity and network person id, a new case with its own intake and risk assessment', async () => {
      const first = await closedCase('Person 530');
      const persons = await countPersons();
      const res = await worker.post('/api/cases', followUp(first.person.id));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const second = res.body;
      expect(second.id).not.toBe(first.id);
      expect(second.reference).not.toBe(first.reference);
      expect(second).toMatchObject({
        status: 'contact',
        person: { id: first.person.id, givenName: 'Demo', familyName: 'Person 530', dateOfBirth: '1995-03-04' },
        intake: { channel: 'self_referral', immediateNeeds: ['medical'] },
      });
      expect(await countPersons()).toBe(persons);
      const network = await sql<{
        n: number;
      }>`SELECT count(DISTINCT network_person_id)::int AS n FROM persons WHERE id = ${first.person.id}`.execute(
        t.ctx.db.system,
      );
      expect(network.rows[0].n).toBe(1);
      const risk = (await worker.get(`/api/cases/${second.id}/entries?kind=risk_assessment`)).body.entries;
      expect(risk).toEqual([expect.objectContaining({ data: expect.objectContaining({ level: 'low' }) })]);
      expect(second.otherCases).toEqual([
        expect.objectContaining({ id: first.id, reference: first.reference, status: 'closed' }),
      ]);
      const firstNow = (await worker.get(`/api/cases/${first.id}`)).body;
      expect(firstNow.otherCases).toEqual([
        expect.objectContaining({ id: second.id, reference: second.reference, status: 'contact' }),
      ]);
      expect(firstNow.permissions.openNewCase).toBe(false);
    });

    test('an open case is continued, not duplicated: 409 naming it, for a new case and for reopening an old one', async () => {
      const first = await closedCase('Person 531');
      const second = (await worker.post('/api/cases', followUp(first.person.id))).body;
      const again = await worker.post('/api/cases', followUp(first.person.id));
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'open_case_exists',
        details: { caseId: second.id, reference: second.reference },
      });
      expect(again.body.error.message).toContain(second.reference);
      const reopen = await worker.post(`/api/cases/${first.id}/transitions`, {
        to: 'reopened',
        note: 'She came back',
        version: first.version,
      });
      expect(reopen.status).toBe(409);
      expect(reopen.body.error.code).toBe('open_case_exists');
      // Paused still counts as open.
      const paused = await worker.post(`/api/cases/${second.id}/transitions`, {
        to: 'paused',
        reason: 'lost_contact',
        version: second.version,
      });
      expect(paused.status).toBe(200);
      expect((await worker.post('/api/cases', followUp(first.person.id))).status).toBe(409);
      // The database holds the rule even if a service forgot it.
      await expect(
        sql`UPDATE cases SET status = 'contact', closed_at = NULL, closure_reason = NULL WHERE id = ${first.id}`.execute(
          t.ctx.db.system,
        ),
      ).rejects.toThrow();
    });

    test("another organisation's person, or no such person, is not found (404), and nothing is written", async () => {
      const south = await t.as('caseworker@south.demo.test');
      const theirs = (
        await south.post('/api/cases', intake({ person: { givenName: 'Demo', familyName: 'Person 532' } }))
      ).body;
      const cases = Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(t.ctx.db.system)).rows[0].n,
      );
      expect((await worker.post('/api/cases', followUp(theirs.person.id))).status).toBe(404);
      expect((await worker.post('/api/cases', followUp('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
      expect(
        Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(t.ctx.db.system)).rows[0].n),
      ).toBe(cases);
    });

    test('exactly one of person and personId: a clear 400 otherwise', async () => {
      const first = await closedCase('Person 533');
      const both = await worker.post('/api/cases', { ...followUp(first.person.id), person: { givenName: 'Demo' } });
      expect(both.status).toBe(400);
      expect(both.body.error.code).toBe('validation_failed');
      const { personId: _omit, ...neither } = followUp(first.person.id);
      const none = await worker.post('/api/cases', neither);
      expect(none.status).toBe(400);
      expect(none.body.error.details[0].path).toEqual(['person']);
    });
  });
});
