/**
 * Free text is personal data: every free-text field written through the API is stored encrypted,
 * so no table of the database holds it in clear, and no log line carries it; the owning organisation
 * still reads each value back. Rows written in clear before migration 021 are sealed by the backfill.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backfillFreeText } from '../../src/services/backfill-free-text';
import { rotateOrganisationDataKey } from '../../src/services/keys';
import { ENCRYPTED_COLUMNS, SHARED_ENCRYPTED_COLUMNS } from '../../src/storage/encrypted-columns';
import { caseEntriesRepo } from '../../src/storage/repositories/case-entries';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

/** An ISO date `days` days before now, so nothing here depends on today's date. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Every row of every table in the public schema, as text (the list is read from the catalogue). */
async function dumpAllTables(db: Kysely<any>): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    db,
  );
  const dump: Record<string, string> = {};
  for (const { table_name: name } of tables.rows) {
    const rows = await sql<{ r: string }>`SELECT row_to_json(t)::text AS r FROM ${sql.table(name)} t`.execute(db);
    dump[name] = rows.rows.map((r) => r.r).join('\n');
  }
  return dump;
}

function expectNowhere(dump: Record<string, string>, canaries: string[]) {
  for (const canary of canaries) {
    const holders = Object.entries(dump)
      .filter(([, text]) => text.includes(canary))
      .map(([table]) => table);
    expect(holders, `tables holding "${canary}" in clear`).toEqual([]);
  }
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('free text on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let east: ApiClient;
  let southId: string;
  // Distinct per run, so a value left from anything else cannot make the search pass or fail.
  const run = crypto.randomBytes(3).toString('hex');
  const canary = (field: string) => `Demo canary ${field} ${run}`;

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    east = await t.as('caseworker@east.demo.test');
    southId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(t.ctx.db.system))
      .rows[0].id;
  });
  afterAll(() => t.close());

  /** A referral of the case to south, declined by south with `reason`; the case must hold her consent for south. */
  async function declinedReferral(caseId: string, reason: string): Promise<string> {
    const sent = await north.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'accommodation',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const pending = (await south.get(`/api/referrals/${sent.body.id}`)).body;
    const declined = await south.post(`/api/referrals/${sent.body.id}/decline`, { reason, version: pending.version });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    return sent.body.id;
  }
  const consentForSouth = (caseId: string) =>
    north.post(`/api/cases/${caseId}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'referral_sharing',
        partnerOrganisationId: southId,
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(56),
      },
    });

  test('no table holds any free-text field in clear, no log line carries one, and the owning organisation reads each back', async () => {
    const contact = daysAgo(60);
    const c = (
      await north.post(
        '/api/cases',
        intake({
          intake: {
            channel: 'hotline',
            contactDate: contact,
            municipality: canary('municipality'),
            language: 'ro',
            mediatorUsed: false,
            immediateNeeds: ['shelter'],
          },
          risk: { level: 'high', notes: canary('risk notes') },
        }),
      )
    ).body;
    expect(c.id, JSON.stringify(c)).toBeDefined();

    const { model, factorCatalogue } = (await north.get('/api/outcomes/model')).body;
    const element = model.elements[0].code as string;
    const instrument = (await north.get('/api/outcomes/instrument')).body;
    const questions = instrument.sections as {
      neverRequired?: boolean;
      questions: { code: string; type: string; optional: boolean }[];
    }[];
    const required = questions.filter((s) => !s.neverRequired).flatMap((s) => s.questions.filter((q) => !q.optional));
    const textQuestion = questions.flatMap((s) => s.questions).find((q) => q.type === 'text')!;
    const answers = [
      ...required.filter((q) => q.code !== textQuestion.code).map((q) => ({ question: q.code, value: null })),
      { question: textQuestion.code, value: canary('interview answer') },
    ];

    const records: [string, Record<string, unknown>][] = [
      ['review', { reviewedOn: daysAgo(50), notes: canary('review notes'), nextReviewOn: daysAgo(-20) }],
      [
        'determination_organisation',
        {
          outcome: 'determined',
          decidedBy: canary('decided by'),
          decidedOn: daysAgo(55),
          note: canary('determination note'),
        },
      ],
      [
        'determination_authority',
        {
          outcome: 'pending',
          authority: canary('authority'),
          decidedOn: daysAgo(54),
          reference: canary('authority reference'),
        },
      ],
      ['migration_status', { status: 'irregular', recordedOn: daysAgo(55), note: canary('migration note') }],
      [
        'legal_event',
        {
          type: 'complaint',
          date: daysAgo(40),
          authority: canary('legal authority'),
          court: canary('court'),
          note: canary('legal note'),
        },
      ],
      ['exploitation_return', { date: daysAgo(10), statedReasons: canary('return reasons') }],
      [
        'outcome_event',
        { kind: 'violence', date: daysAgo(12), note: canary('event note'), statedReasons: canary('event reasons') },
      ],
      ['outcome_event', { kind: 'job', date: daysAgo(20), note: canary('job note') }],
      ['circumstance', { kind: 'unemployment', from: daysAgo(45), note: canary('circumstance note') }],
      ['factor', { code: factorCatalogue[0].code, valence: 'positive', note: canary('factor note') }],
      ['follow_up', { kind: 'consented', at: daysAgo(30), note: canary('follow-up note') }],
      ['follow_up_appointment', { dueDate: daysAgo(-100), note: canary('appointment note') }],
      [
        'outcome_assessment',
        { date: daysAgo(30), scores: [{ element, score: 2, source: 'own_view', note: canary('score note') }] },
      ],
      [
        'placement',
        {
          type: 'emergency',
          startOn: daysAgo(58),
          address: canary('placement address'),
          reason: canary('placement reason'),
        },
      ],
      ['own_account', { text: canary('own account'), recordedOn: daysAgo(57) }],
      [
        'risk_assessment',
        {
          level: 'critical',
          assessedOn: daysAgo(20),
          answers: [{ question: 'debt_bondage', answer: 'no' }],
          overrideReason: canary('risk override reason'),
          notes: canary('reassessment notes'),
        },
      ],
      [
        'guardian',
        {
          name: canary('guardian name'),
          contact: canary('guardian contact'),
          role: 'legal_representative',
          authority: canary('guardian authority'),
        },
      ],
      [
        'best_interests_determination',
        { date: daysAgo(21), decidedBy: canary('bid by'), outcome: 'pending', note: canary('bid note') },
      ],
      ['age_assessment', { date: daysAgo(22), method: 'medical', result: 'uncertain', assessedBy: canary('age by') }],
      [
        'child_protection_referral',
        { referredOn: daysAgo(21), authority: canary('cp authority'), reference: canary('cp reference') },
      ],
      ['interview', { date: daysAgo(30), answers }],
      [
        'autonomy',
        {
          date: daysAgo(25),
          area: 'work',
          description: canary('decision'),
          ownDecision: true,
          emotionalSupport: true,
          autonomyWithin: null,
        },
      ],
      [
        'objective',
        {
          title: canary('objective'),
          status: 'open',
          dueDate: daysAgo(-10),
          microObjectives: [{ title: canary('micro objective'), done: false }],
        },
      ],
      [
        'consent',
        {
          purpose: 'referral_sharing',
          partnerOrganisationId: southId,
          action: 'granted',
          language: 'en',
          interpreterUsed: false,
          recordedOn: daysAgo(56),
        },
      ],
    ];
    // A custom form (issue #17) whose long text and sensitive values are sealed like the kinds' own free text.
    const admin = await t.as('admin@north.demo.test');
    const form = await admin.post('/api/configuration/forms', {
      definition: {
        code: 'canary_form',
        title: { en: 'Canary form' },
        target: 'case',
        sections: [
          {
            name: 'main',
            label: { en: 'Main' },
            fields: [
              { name: 'story', type: 'long_text', label: { en: 'Story' } },
              {
                name: 'birthplace',
                type: 'select_one',
                label: { en: 'Place' },
                sensitive: true,
                choices: { options: [{ code: 'here', label: { en: 'Here' } }] },
              },
              { name: 'contact', type: 'text', label: { en: 'Contact' }, sensitive: true },
            ],
          },
        ],
      },
    });
    expect(form.status, JSON.stringify(form.body)).toBe(201);
    expect((await admin.post('/api/configuration/forms/canary_form/publish', { lockVersion: 1 })).status).toBe(200);
    records.push([
      'custom_form',
      { form: 'canary_form', version: 1, values: { story: canary('custom story'), contact: canary('custom contact') } },
    ]);
    const created: Record<string, string> = {};
    for (const [kind, data] of records) {
      const res = await north.post(`/api/cases/${c.id}/entries`, { kind, data });
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(201);
      created[kind] = res.body.id;
    }
    // A revision: the retired version must be as sealed as the current one.
    const review = (await north.get(`/api/cases/${c.id}/entries?kind=review`)).body.entries[0];
    const revised = await north.patch(`/api/cases/${c.id}/entries/${review.id}`, {
      version: review.version,
      reason: canary('revised review reason'),
      data: { reviewedOn: daysAgo(50), notes: canary('revised review notes') },
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);

    // A referral to south, whose caseworker keeps notes on it.
    const sent = await north.post(`/api/cases/${c.id}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const incoming = (await south.get(`/api/referrals/${sent.body.id}`)).body;
    expect((await south.post(`/api/referrals/${sent.body.id}/accept`, { version: incoming.version })).status).toBe(200);
    expect(
      (
        await south.post(`/api/referrals/${sent.body.id}/notes`, {
          kind: 'note',
          data: { text: canary('referral note') },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await south.post(`/api/referrals/${sent.body.id}/notes`, {
          kind: 'service',
          data: { service: 'legal_counselling', note: canary('referral service note') },
        })
      ).status,
    ).toBe(201);
    // A second referral, which south declines: its reason is free text that both organisations read.
    const declinedId = await declinedReferral(c.id, canary('decline reason'));

    // Lifecycle free text: the reopening note (kept in no table at all) and an owner hand-over's reason.
    let current = (await north.get(`/api/cases/${c.id}`)).body;
    current = (
      await north.post(`/api/cases/${c.id}/transitions`, {
        to: 'closed',
        reason: 'programme_completed',
        version: current.version,
      })
    ).body;
    const reopened = await north.post(`/api/cases/${c.id}/transitions`, {
      to: 'reopened',
      note: canary('reopen note'),
      version: current.version,
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const owner = (await north.get('/api/staff')).body.staff.find((s: { roles: string[] }) =>
      s.roles.includes('case_owner'),
    );
    const handedOver = await north.post(`/api/cases/${c.id}/owner`, {
      ownerId: owner.id,
      reason: canary('hand-over reason'),
      version: reopened.body.version,
    });
    expect(handedOver.status, JSON.stringify(handedOver.body)).toBe(200);

    // A rejected request leaves its free text neither in a table nor in a log line.
    const rejected = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'review',
      data: { reviewedOn: 'not-a-date', notes: canary('rejected notes') },
    });
    expect(rejected.status).toBe(400);

    const stored = [
      'municipality',
      'risk notes',
      'review notes',
      'revised review notes',
      'decided by',
      'determination note',
      'authority',
      'authority reference',
      'migration note',
      'legal authority',
      'court',
      'legal note',
      'return reasons',
      'event note',
      'event reasons',
      'job note',
      'circumstance note',
      'factor note',
      'follow-up note',
      'appointment note',
      'score note',
      'placement address',
      'placement reason',
      'own account',
      'interview answer',
      'decision',
      'objective',
      'micro objective',
      'hand-over reason',
      'risk override reason',
      'reassessment notes',
      'guardian name',
      'guardian contact',
      'guardian authority',
      'bid by',
      'bid note',
      'age by',
      'cp authority',
      'cp reference',
      'custom story',
      'custom contact',
    ].map(canary);
    const referralNotes = [canary('referral note'), canary('referral service note')];
    const all = [
      ...stored,
      ...referralNotes,
      canary('decline reason'),
      canary('reopen note'),
      canary('rejected notes'),
    ];

    expectNowhere(await dumpAllTables(t.ctx.db.system), all);
    const logs = t.logs.join('');
    for (const value of all) expect(logs, `logs must not contain "${value}"`).not.toContain(value);

    // The owning organisation reads every stored value back (the old review notes only as history, not through the API).
    const newOwner = await t.as('case_owner@north.demo.test');
    const seen = JSON.stringify([
      (await newOwner.get(`/api/cases/${c.id}`)).body,
      (await newOwner.get(`/api/cases/${c.id}/entries`)).body,
      (await newOwner.get(`/api/cases/${c.id}/timeline`)).body,
    ]);
    for (const value of stored.filter((v) => v !== canary('review notes')))
      expect(seen, `the API shows "${value}"`).toContain(value);
    const outcomes = (await newOwner.get(`/api/cases/${c.id}/outcomes`)).body;
    expect(JSON.stringify(outcomes.flags)).toContain(canary('return reasons'));
    expect(JSON.stringify(outcomes.flags)).toContain(canary('event reasons'));
    const southView = JSON.stringify((await south.get(`/api/referrals/${sent.body.id}`)).body);
    for (const value of referralNotes) expect(southView).toContain(value);
    // The decline reason: sealed once per organisation the referral names, each reads its own copy; a third organisation sees no referral.
    const sealedReason = (
      await sql<{ decline_reason: string | null; f: string; t: string }>`
      SELECT decline_reason, decline_reason_from_enc AS f, decline_reason_to_enc AS t FROM referrals WHERE id = ${declinedId}`.execute(
        t.ctx.db.system,
      )
    ).rows[0];
    expect(sealedReason.decline_reason).toBeNull();
    // The receiver's copy opens under south's key; the sender's copy is bound to north and does not.
    expect(await t.ctx.keyRing.decrypt(southId, sealedReason.t)).toBe(canary('decline reason'));
    await expect(t.ctx.keyRing.decrypt(southId, sealedReason.f)).rejects.toThrow();
    for (const side of [north, south]) {
      const view = await side.get(`/api/referrals/${declinedId}`);
      expect([view.status, view.body.declineReason]).toEqual([200, canary('decline reason')]);
    }
    const third = await east.get(`/api/referrals/${declinedId}`);
    expect(third.status).toBe(404);
    expect(JSON.stringify(third.body)).not.toContain(canary('decline reason'));
    // Sealed under north's key: the partner sees none of it anywhere.
    expect((await south.get(`/api/cases/${c.id}/entries`)).status).toBe(404);
    // Codes and dates stay clear for statistics and the agenda.
    const raw = await sql<{
      data: string;
    }>`SELECT data::text AS data FROM case_entries WHERE id = ${created.outcome_assessment}`.execute(t.ctx.db.system);
    expect(JSON.parse(raw.rows[0].data)).toMatchObject({
      date: daysAgo(30),
      scores: [{ element, score: 2, source: 'own_view' }],
    });

    // Key rotation re-encrypts the new columns too (they are listed in ENCRYPTED_COLUMNS), and everything still opens.
    const northId = (
      await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'north'`.execute(t.ctx.db.system)
    ).rows[0].id;
    const { version } = await rotateOrganisationDataKey(t.ctx, northId);
    const sealed = await sql<{
      m: string;
      e: string;
    }>`SELECT (SELECT municipality_enc FROM case_intakes WHERE case_id = ${c.id}) AS m,
      (SELECT secret_enc FROM case_events WHERE case_id = ${c.id} AND kind = 'case.owner_changed') AS e`.execute(
      t.ctx.db.system,
    );
    expect([sealed.rows[0].m.split('.')[1], sealed.rows[0].e.split('.')[1]]).toEqual([
      String(version),
      String(version),
    ]);
    const afterRotation = JSON.stringify([
      (await newOwner.get(`/api/cases/${c.id}`)).body,
      (await newOwner.get(`/api/cases/${c.id}/timeline`)).body,
    ]);
    expect(afterRotation).toContain(canary('municipality'));
    expect(afterRotation).toContain(canary('hand-over reason'));
  });

  test("rotating the receiver's data key re-encrypts the snapshots it received and its copies of decline reasons; both sides still read them", async () => {
    const db = t.ctx.db.system;
    const northId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'north'`.execute(db)).rows[0]
      .id;
    const c = (
      await north.post(
        '/api/cases',
        intake({
          intake: {
            channel: 'hotline',
            contactDate: daysAgo(40),
            language: 'ro',
            mediatorUsed: false,
            immediateNeeds: ['shelter'],
          },
        }),
      )
    ).body;
    expect((await consentForSouth(c.id)).status).toBe(201);
    const pending = await north.post(`/api/cases/${c.id}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
    });
    expect(pending.status, JSON.stringify(pending.body)).toBe(201);
    const declinedId = await declinedReferral(c.id, canary('rotated decline reason'));
    const sealed = async () =>
      (
        await sql<{ id: string; snapshot_enc: string; f: string | null; t: string | null }>`
      SELECT id, snapshot_enc, decline_reason_from_enc AS f, decline_reason_to_enc AS t FROM referrals WHERE id IN (${pending.body.id}, ${declinedId})`.execute(
          db,
        )
      ).rows.reduce<Record<string, { snapshot: string; from: string | null; to: string | null }>>(
        (acc, r) => ({ ...acc, [r.id]: { snapshot: r.snapshot_enc, from: r.f, to: r.t } }),
        {},
      );
    const versionOf = (ciphertext: string | null) => ciphertext?.split('.')[1];
    const before = await sealed();
    const reads = async () => {
      const incoming = await south.get(`/api/referrals/${pending.body.id}`);
      expect([incoming.status, incoming.body.snapshot?.requestedService]).toEqual([200, 'legal_counselling']);
      for (const side of [north, south])
        expect((await side.get(`/api/referrals/${declinedId}`)).body.declineReason).toBe(
          canary('rotated decline reason'),
        );
    };

    const south1 = await rotateOrganisationDataKey(t.ctx, southId);
    const afterSouth = await sealed();
    expect([
      versionOf(afterSouth[pending.body.id].snapshot),
      versionOf(afterSouth[declinedId].snapshot),
      versionOf(afterSouth[declinedId].to),
    ]).toEqual([String(south1.version), String(south1.version), String(south1.version)]);
    // North's copy is north's: untouched by south's rotation.
    expect(afterSouth[declinedId].from).toBe(before[declinedId].from);
    await reads();
    // Nothing of south's is left under an older key version, in its own rows or its side of shared ones.
    const stale: string[] = [];
    for (const col of [...ENCRYPTED_COLUMNS, ...SHARED_ENCRYPTED_COLUMNS]) {
      const values = await sql<{ v: string }>`SELECT ${sql.ref(col.column)} AS v FROM ${sql.table(col.table)}
        WHERE ${sql.ref(col.organisationColumn ?? 'organisation_id')} = ${southId} AND ${sql.ref(col.column)} IS NOT NULL`.execute(
        db,
      );
      stale.push(
        ...values.rows.filter((r) => versionOf(r.v) !== String(south1.version)).map(() => `${col.table}.${col.column}`),
      );
    }
    expect(stale).toEqual([]);

    const north1 = await rotateOrganisationDataKey(t.ctx, northId);
    const afterNorth = await sealed();
    expect(versionOf(afterNorth[declinedId].from)).toBe(String(north1.version));
    expect([afterNorth[pending.body.id].snapshot, afterNorth[declinedId].to]).toEqual([
      afterSouth[pending.body.id].snapshot,
      afterSouth[declinedId].to,
    ]);
    await reads();
  });

  test('the backfill seals rows written in clear before migration 021, once, and the API still shows them', async () => {
    const c = (
      await north.post(
        '/api/cases',
        intake({ intake: { channel: 'hotline', contactDate: daysAgo(90), mediatorUsed: false, immediateNeeds: [] } }),
      )
    ).body;
    const db = t.ctx.db.system;
    const org = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'north'`.execute(db)).rows[0].id;
    const user = (
      await sql<{ id: string }>`SELECT id FROM users WHERE email = 'caseworker@north.demo.test'`.execute(db)
    ).rows[0].id;
    const legacy = (field: string) => `Demo legacy ${field} ${run}`;
    // Rows as older versions wrote them: free text in the clear JSON, nothing sealed.
    const reviewId = crypto.randomUUID();
    await caseEntriesRepo.insert(db, {
      organisationId: org,
      id: reviewId,
      version: 1,
      caseId: c.id,
      kind: 'review',
      data: { reviewedOn: daysAgo(80), notes: legacy('old review') },
      secretEnc: null,
      recordedBy: user,
    });
    await caseEntriesRepo.retire(db, org, reviewId, 1);
    await caseEntriesRepo.insert(db, {
      organisationId: org,
      id: reviewId,
      version: 2,
      caseId: c.id,
      kind: 'review',
      data: { reviewedOn: daysAgo(80), notes: legacy('review'), nextReviewOn: daysAgo(-5) },
      secretEnc: null,
      recordedBy: user,
    });
    const assessmentId = crypto.randomUUID();
    const element = (await north.get('/api/outcomes/model')).body.model.elements[0].code;
    await caseEntriesRepo.insert(db, {
      organisationId: org,
      id: assessmentId,
      version: 1,
      caseId: c.id,
      kind: 'outcome_assessment',
      recordedBy: user,
      secretEnc: null,
      data: {
        date: daysAgo(70),
        scores: [
          { element, score: 1, source: 'own_view', note: legacy('score') },
          { element, score: 2, source: 'document' },
        ],
      },
    });
    await caseEntriesRepo.insert(db, {
      organisationId: org,
      id: crypto.randomUUID(),
      version: 1,
      caseId: c.id,
      kind: 'exploitation_return',
      recordedBy: user,
      secretEnc: null,
      data: { date: daysAgo(20), statedReasons: legacy('reasons') },
    });
    // A record already half sealed (its old secret field) with a newly secret field still clear.
    const placement = (
      await north.post(`/api/cases/${c.id}/entries`, {
        kind: 'placement',
        data: { type: 'emergency', startOn: daysAgo(85), address: legacy('address') },
      })
    ).body;
    await sql`UPDATE case_entries SET data = data || ${JSON.stringify({ reason: legacy('placement reason') })}::jsonb WHERE id = ${placement.id}`.execute(
      db,
    );
    await sql`UPDATE case_intakes SET municipality = ${legacy('municipality')}, municipality_enc = NULL WHERE case_id = ${c.id}`.execute(
      db,
    );
    const ownerId = (await north.get(`/api/cases/${c.id}`)).body.owner.id;
    await sql`INSERT INTO case_events (organisation_id, id, case_id, actor_user_id, kind, data) VALUES (${org}, ${crypto.randomUUID()}, ${c.id}, ${user}, 'case.owner_changed',
      ${JSON.stringify({ from: user, to: ownerId, reason: legacy('hand-over') })}::jsonb)`.execute(db);

    // A decline reason as versions before migration 027 stored it: in clear, with no sealed copy (the
    // CHECK that refuses a clear reason is set aside for this write, as those versions had none).
    expect((await consentForSouth(c.id)).status).toBe(201);
    const declinedId = await declinedReferral(c.id, 'replaced below');
    await sql`ALTER TABLE referrals DROP CONSTRAINT referrals_decline_reason_sealed`.execute(db);
    await sql`UPDATE referrals SET decline_reason = ${legacy('decline reason')}, decline_reason_from_enc = NULL, decline_reason_to_enc = NULL WHERE id = ${declinedId}`.execute(
      db,
    );
    await sql`ALTER TABLE referrals ADD CONSTRAINT referrals_decline_reason_sealed CHECK (decline_reason IS NULL) NOT VALID`.execute(
      db,
    );
    // Until the backfill, both sides read the clear form.
    expect((await south.get(`/api/referrals/${declinedId}`)).body.declineReason).toBe(legacy('decline reason'));

    const canaries = [
      'old review',
      'review',
      'score',
      'reasons',
      'placement reason',
      'municipality',
      'hand-over',
      'decline reason',
    ].map(legacy);
    const before = await dumpAllTables(db);
    expect(canaries.every((v) => Object.values(before).some((text) => text.includes(v)))).toBe(true);

    const result = await backfillFreeText(t.ctx, { force: true, batchSize: 2 });
    expect(result).toMatchObject({ skipped: false, intakes: 1, events: 1, declineReasons: 1 });
    expect(result.entries).toBeGreaterThanOrEqual(5);
    expectNowhere(await dumpAllTables(db), canaries);

    const seen = JSON.stringify([
      (await north.get(`/api/cases/${c.id}`)).body,
      (await north.get(`/api/cases/${c.id}/entries`)).body,
      (await north.get(`/api/cases/${c.id}/timeline`)).body,
    ]);
    for (const value of canaries.filter((v) => v !== legacy('old review') && v !== legacy('decline reason')))
      expect(seen, `the API shows "${value}"`).toContain(value);
    expect(JSON.stringify((await north.get(`/api/cases/${c.id}/outcomes`)).body.flags)).toContain(legacy('reasons'));
    for (const side of [north, south])
      expect((await side.get(`/api/referrals/${declinedId}`)).body.declineReason).toBe(legacy('decline reason'));
    // From here on no row can hold a clear reason again.
    await expect(
      sql`UPDATE referrals SET decline_reason = 'Demo clear' WHERE id = ${declinedId}`.execute(db),
    ).rejects.toThrow(/referrals_decline_reason_sealed/);
    const scores = (await north.get(`/api/cases/${c.id}/entries?kind=outcome_assessment`)).body.entries[0].data.scores;
    expect(scores).toEqual([
      { element, score: 1, source: 'own_view', note: legacy('score') },
      { element, score: 2, source: 'document' },
    ]);
    // The retired version is sealed too, and still opens.
    const old = await sql<{
      secret_enc: string;
    }>`SELECT secret_enc FROM case_entries WHERE id = ${reviewId} AND version = 1`.execute(db);
    expect(JSON.parse(await t.ctx.keyRing.decrypt(org, old.rows[0].secret_enc))).toEqual({
      notes: legacy('old review'),
    });

    // Idempotent: a second full run finds nothing; a start-up after a finished run looks nothing up.
    expect(await backfillFreeText(t.ctx, { force: true })).toEqual({
      skipped: false,
      entries: 0,
      intakes: 0,
      events: 0,
      declineReasons: 0,
    });
    expect(await backfillFreeText(t.ctx)).toEqual({
      skipped: true,
      entries: 0,
      intakes: 0,
      events: 0,
      declineReasons: 0,
    });
    const trail = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE organisation_id = ${org} AND action = 'keys.encrypt_free_text'`.execute(
      db,
    );
    expect(trail.rows[0].n).toBe(1);
  });
});
