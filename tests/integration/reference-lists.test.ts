/**
 * Reference lists administrators own (issue #17), on both engines: an administrator edits labels in
 * every language, adds, reorders, retires and restores items, with a version per list (409 on a stale
 * one) and an audit entry for each change; a caseworker cannot; north's administrator never sees or
 * changes south's lists; a retired item is refused for a new record while an old record keeps its
 * label; seed items a release adds reach her as proposals that never overwrite her edits; and only
 * items marked as Palermo means count as means, in the record, the case overview and statistics.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

type Item = {
  code: string;
  label: Record<string, string>;
  active: boolean;
  order: number;
  meta?: Record<string, unknown>;
};
type List = { key: string; version: number; items: Item[] };

describe.each(ENGINES.map((e) => [e.name, e] as const))('reference lists administration on %s', (_name, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let worker: ApiClient;
  let southAdmin: ApiClient;
  const db = () => t.ctx.db.system;

  const lists = async (client: ApiClient): Promise<List[]> => (await client.get('/api/reference-lists')).body.lists;
  const listOf = async (client: ApiClient, key: string): Promise<List> =>
    (await lists(client)).find((l) => l.key === key)!;
  const orgId = async (slug: string) =>
    (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(db())).rows[0]!.id;
  const auditActions = async (organisationId: string) =>
    (
      await sql<{
        action: string;
      }>`SELECT action FROM audit_log WHERE organisation_id = ${organisationId} AND action LIKE 'reference.%'`.execute(
        db(),
      )
    ).rows.map((r) => r.action);

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin@north.demo.test');
    worker = await t.as('caseworker@north.demo.test');
    southAdmin = await t.as('admin@south.demo.test');
  });
  afterAll(() => t.close());

  test('an administrator adds an item with labels in several languages; its code is unique in the list', async () => {
    const before = await listOf(admin, 'services');
    const res = await admin.post('/api/reference-lists/services/items', {
      code: 'dental_care',
      labels: { en: 'Dental care', fr: 'Soins dentaires', sq: 'Kujdes dentar' },
      version: before.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.list.version).toBe(before.version + 1);
    const added = res.body.list.items.find((i: Item) => i.code === 'dental_care');
    expect(added).toMatchObject({
      label: { en: 'Dental care', fr: 'Soins dentaires', sq: 'Kujdes dentar' },
      active: true,
    });
    expect(added.order).toBeGreaterThan(Math.max(...before.items.map((i) => i.order)));
    // The caseworker's forms see it at once.
    expect((await listOf(worker, 'services')).items.map((i) => i.code)).toContain('dental_care');

    const again = await admin.post('/api/reference-lists/services/items', {
      code: 'dental_care',
      labels: { en: 'Dental care again' },
      version: res.body.list.version,
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'code_taken', details: { field: 'code' } });
    const badCode = await admin.post('/api/reference-lists/services/items', {
      code: 'Dental Care',
      labels: { en: 'x' },
      version: res.body.list.version,
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details.map((d: any) => d.path.join('.'))).toContain('code');
    const noEnglish = await admin.post('/api/reference-lists/services/items', {
      code: 'x_ray',
      labels: { fr: 'Radiographie' },
      version: res.body.list.version,
    });
    expect(noEnglish.status).toBe(400);
    expect(await auditActions(await orgId('north'))).toContain('reference.item.add');
  });

  test('labels are edited in every language; a change on a stale version is a 409 and changes nothing', async () => {
    const list = await listOf(admin, 'channels');
    const item = list.items[0]!;
    const res = await admin.patch(`/api/reference-lists/channels/items/${item.code}`, {
      labels: {
        en: 'Telephone hotline',
        fr: 'Ligne téléphonique',
        it: 'Numero verde',
        sk: 'Linka pomoci',
        sq: 'Linja',
      },
      version: list.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.list.items[0].label).toEqual({
      en: 'Telephone hotline',
      fr: 'Ligne téléphonique',
      it: 'Numero verde',
      sk: 'Linka pomoci',
      sq: 'Linja',
    });
    // A second administrator still holding the old version is refused, not silently overwritten.
    const stale = await admin.patch(`/api/reference-lists/channels/items/${item.code}`, {
      labels: { en: 'Overwritten' },
      version: list.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await listOf(admin, 'channels')).items[0]!.label.en).toBe('Telephone hotline');
    expect(await auditActions(await orgId('north'))).toContain('reference.item.edit');
  });

  test('reordering names every item once; the new order is what everyone reads', async () => {
    const list = await listOf(admin, 'pause_reasons');
    const reversed = list.items.map((i) => i.code).reverse();
    const res = await admin.put('/api/reference-lists/pause_reasons/order', { codes: reversed, version: list.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await listOf(worker, 'pause_reasons')).items.map((i) => i.code)).toEqual(reversed);
    const partial = await admin.put('/api/reference-lists/pause_reasons/order', {
      codes: reversed.slice(1),
      version: res.body.list.version,
    });
    expect(partial.status).toBe(400);
    expect(partial.body.error.code).toBe('invalid_order');
  });

  test('a retired item is refused for a new record, an old record keeps it and its label; restoring offers it again', async () => {
    const caseId = (await worker.post('/api/cases', intake())).body.id;
    const service = (code: string) =>
      worker.post(`/api/cases/${caseId}/entries`, {
        kind: 'service',
        data: { service: code, deliveredOn: daysAgo(1), provider: 'own' },
      });
    const old = await service('dental_care');
    expect(old.status, JSON.stringify(old.body)).toBe(201);

    const list = await listOf(admin, 'services');
    const retired = await admin.post('/api/reference-lists/services/items/dental_care/retire', {
      version: list.version,
    });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);

    const refused = await service('dental_care');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('unknown_list_value');
    // The old record is still there, and the lists the web labels records with still carry the item, flagged.
    const entries = (await worker.get(`/api/cases/${caseId}/entries?kind=service`)).body.entries;
    expect(entries.map((e: any) => e.data.service)).toContain('dental_care');
    const item = (await listOf(worker, 'services')).items.find((i) => i.code === 'dental_care');
    expect(item).toMatchObject({ active: false, label: { fr: 'Soins dentaires' } });

    const restored = await admin.post('/api/reference-lists/services/items/dental_care/restore', {
      version: retired.body.list.version,
    });
    expect(restored.status).toBe(200);
    expect((await service('dental_care')).status).toBe(201);
    expect(await auditActions(await orgId('north'))).toEqual(
      expect.arrayContaining(['reference.item.retire', 'reference.item.restore']),
    );
  });

  test('a caseworker reads the lists but changes none of them (403)', async () => {
    const list = await listOf(worker, 'services');
    const attempts = [
      worker.post('/api/reference-lists/services/items', {
        code: 'by_worker',
        labels: { en: 'x' },
        version: list.version,
      }),
      worker.patch('/api/reference-lists/services/items/health_checkup', {
        labels: { en: 'x' },
        version: list.version,
      }),
      worker.post('/api/reference-lists/services/items/health_checkup/retire', { version: list.version }),
      worker.put('/api/reference-lists/services/order', {
        codes: list.items.map((i) => i.code),
        version: list.version,
      }),
      worker.get('/api/reference-lists/proposals'),
      worker.post('/api/reference-lists/services/proposals/health_checkup/accept', {}),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
    expect(await listOf(worker, 'services')).toEqual(list);
  });

  test("north's administrator never sees nor changes south's lists", async () => {
    const south = await listOf(southAdmin, 'services');
    expect(south.items.map((i) => i.code)).not.toContain('dental_care');
    const res = await southAdmin.post('/api/reference-lists/services/items', {
      code: 'south_only',
      labels: { en: 'South only', fr: 'Seulement au sud' },
      version: south.version,
    });
    expect(res.status).toBe(201);
    expect((await listOf(admin, 'services')).items.map((i) => i.code)).not.toContain('south_only');
    // North acting on the code only south has: there is no such item in her own list.
    const north = await listOf(admin, 'services');
    expect(
      (await admin.post('/api/reference-lists/services/items/south_only/retire', { version: north.version })).status,
    ).toBe(404);
    const southRow = (
      await sql<{
        active: boolean;
      }>`SELECT active FROM reference_items WHERE organisation_id = ${await orgId('south')} AND list_key = 'services' AND code = 'south_only'`.execute(
        db(),
      )
    ).rows[0]!;
    expect(southRow.active).toBe(true);
  });

  test('a seed item she lacks arrives as one proposal; her edits stay; accept adds it, dismiss keeps it out for good', async () => {
    const north = await orgId('north');
    // Her own edits first: a label, and a retired seed item.
    const services = await listOf(admin, 'services');
    const edited = await admin.patch('/api/reference-lists/services/items/health_checkup', {
      labels: { en: 'Our health check', fr: 'Notre bilan de santé' },
      version: services.version,
    });
    expect(edited.status).toBe(200);
    const retired = await admin.post('/api/reference-lists/services/items/sti_tests/retire', {
      version: edited.body.list.version,
    });
    expect(retired.status).toBe(200);
    // Her lists were seeded by an older release: two seed items are not in them yet.
    await sql`DELETE FROM reference_items WHERE organisation_id = ${north} AND list_key = 'services' AND code IN ('long_term_therapy', 'social_counselling')`.execute(
      db(),
    );

    const first = (await admin.get('/api/reference-lists/proposals')).body.proposals;
    const again = (await admin.get('/api/reference-lists/proposals')).body.proposals;
    expect(
      first
        .filter((p: any) => p.listKey === 'services')
        .map((p: any) => p.code)
        .sort(),
    ).toEqual(['long_term_therapy', 'social_counselling']);
    expect(again).toEqual(first);
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM reference_item_proposals WHERE organisation_id = ${north}`.execute(db());
    expect(rows.rows[0]!.n).toBe(first.length);
    expect(first.find((p: any) => p.code === 'long_term_therapy').label.en).toBeTruthy();
    // South is not concerned.
    expect((await southAdmin.get('/api/reference-lists/proposals')).body.proposals).toEqual([]);

    const accepted = await admin.post('/api/reference-lists/services/proposals/long_term_therapy/accept', {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const after = accepted.body.list as List;
    expect(after.items.find((i) => i.code === 'long_term_therapy')).toMatchObject({ active: true });
    expect(after.items.find((i) => i.code === 'health_checkup')!.label).toEqual({
      en: 'Our health check',
      fr: 'Notre bilan de santé',
    });
    expect(after.items.find((i) => i.code === 'sti_tests')!.active).toBe(false);

    const dismissed = await admin.post('/api/reference-lists/services/proposals/social_counselling/dismiss', {});
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.list.items.map((i: Item) => i.code)).not.toContain('social_counselling');
    // Lists load many times over; the dismissed item never comes back, and a decided one cannot be decided again.
    await lists(admin);
    await lists(worker);
    expect((await admin.get('/api/reference-lists/proposals')).body.proposals).toEqual([]);
    expect((await admin.post('/api/reference-lists/services/proposals/social_counselling/accept', {})).status).toBe(
      404,
    );
    expect(await auditActions(north)).toEqual(
      expect.arrayContaining(['reference.proposal.accept', 'reference.proposal.dismiss']),
    );
  });

  test('a local means item never satisfies the means step: not in the record nor the case overview', async () => {
    const means = await listOf(admin, 'palermo_means');
    expect(means.items.every((i) => i.meta?.palermoMeans === true)).toBe(true);
    const added = await admin.post('/api/reference-lists/palermo_means/items', {
      code: 'none_observed',
      labels: { en: 'None observed', fr: 'Aucun observé' },
      version: means.version,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.list.items.find((i: Item) => i.code === 'none_observed').meta?.palermoMeans).toBeUndefined();
    // The mark belongs to the means list only.
    const services = await listOf(admin, 'services');
    const elsewhere = await admin.patch('/api/reference-lists/services/items/health_checkup', {
      palermoMeans: true,
      version: services.version,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.code).toBe('means_mark_elsewhere');

    const caseId = (
      await worker.post(
        '/api/cases',
        intake({ person: { ...intake().person, familyName: 'Person 590', dateOfBirth: '1990-01-01' } }),
      )
    ).body.id;
    const res = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'identification',
      data: {
        acts: ['recruitment'],
        means: ['none_observed'],
        purposes: ['forced_labour'],
        assessedOn: daysAgo(1),
        actsDate: daysAgo(200),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.derivation.definitionMet).toBe(false);
    const step = (d: any) => d.steps.find((s: any) => s.rule === 'means');
    expect(step(res.body.data.derivation)).toMatchObject({
      satisfied: false,
      explanationKey: 'palermo.step.meansMissing',
    });
    const overview = (await worker.get(`/api/cases/${caseId}`)).body.identification;
    expect(overview.derivation.definitionMet).toBe(false);
    expect(overview.derivation).toEqual(res.body.data.derivation);
    const record = (await worker.get(`/api/cases/${caseId}/entries?kind=identification`)).body.entries[0];
    expect(record.data.derivation).toEqual(res.body.data.derivation);

    // Once she marks it as a means, the same record counts it (the mark is read, not the code).
    const current = await listOf(admin, 'palermo_means');
    const marked = await admin.patch('/api/reference-lists/palermo_means/items/none_observed', {
      palermoMeans: true,
      version: current.version,
    });
    expect(marked.status).toBe(200);
    expect((await worker.get(`/api/cases/${caseId}`)).body.identification.derivation.definitionMet).toBe(true);
    const unmarked = await admin.patch('/api/reference-lists/palermo_means/items/none_observed', {
      palermoMeans: false,
      version: marked.body.list.version,
    });
    expect(unmarked.status).toBe(200);
    expect((await worker.get(`/api/cases/${caseId}`)).body.identification.derivation.definitionMet).toBe(false);
  });
  test('outcome event and circumstance kinds are lists: a local kind is recorded and shown but carries no built-in meaning', async () => {
    const kinds = await listOf(admin, 'outcome_event_kinds');
    expect(kinds.items.find((i) => i.code === 're_trafficking')?.meta).toMatchObject({ category: 'hard_failure' });
    const added = await admin.post('/api/reference-lists/outcome_event_kinds/items', {
      code: 'court_hearing',
      labels: { en: 'Court hearing', fr: 'Audience au tribunal' },
      version: kinds.version,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const caseId = (await worker.post('/api/cases', intake())).body.id;
    const event = (kind: string, extra: Record<string, unknown> = {}) =>
      worker.post(`/api/cases/${caseId}/entries`, {
        kind: 'outcome_event',
        data: { kind, date: daysAgo(5), ...extra },
      });
    expect((await event('made_up')).body.error?.code).toBe('unknown_list_value');
    const local = await event('court_hearing');
    expect(local.status, JSON.stringify(local.body)).toBe(201);
    // The seed hard failure keeps its meaning: her stated reasons are required, and it is a failure marker.
    expect((await event('re_trafficking')).status).toBe(400);
    expect((await event('re_trafficking', { statedReasons: null })).status).toBe(201);
    const outcomes = (await worker.get(`/api/cases/${caseId}/outcomes`)).body;
    const markers = outcomes.markers.map((m: any) => `${m.kind}:${m.category}`);
    expect(markers).toContain('re_trafficking:hard_failure');
    expect(markers.some((m: string) => m.startsWith('court_hearing'))).toBe(false);
    const listed = (await worker.get(`/api/cases/${caseId}/entries?kind=outcome_event`)).body.entries;
    expect(listed.map((e: any) => e.data.kind)).toEqual(expect.arrayContaining(['court_hearing', 're_trafficking']));

    const circ = (kind: string) =>
      worker.post(`/api/cases/${caseId}/entries`, { kind: 'circumstance', data: { kind, from: daysAgo(10) } });
    expect((await circ('drug_addiction')).status).toBe(201);
    expect((await circ('made_up')).body.error?.code).toBe('unknown_list_value');
  });
  test('legal event types are a list: a local type is recorded and labelled, starts no step, and an unknown type is refused at its field', async () => {
    const types = await listOf(admin, 'legal_event_types');
    expect(types.items.map((i) => i.code)).toEqual(expect.arrayContaining(['reflection_period', 'permit_decision']));
    const added = await admin.post('/api/reference-lists/legal_event_types/items', {
      code: 'labour_inspection',
      labels: { en: 'Labour inspection', fr: 'Inspection du travail' },
      version: types.version,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const caseId = (await worker.post('/api/cases', intake())).body.id;
    const legal = (type: string) =>
      worker.post(`/api/cases/${caseId}/entries`, {
        kind: 'legal_event',
        data: { type, date: daysAgo(3), country: 'IT' },
      });
    const unknown = await legal('made_up');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_list_value', details: { field: 'type' } });
    const local = await legal('labour_inspection');
    expect(local.status, JSON.stringify(local.body)).toBe(201);
    // A seed type keeps the meaning the country's track gives it; the local one starts no step.
    const seed = await legal('reflection_period');
    expect(seed.status, JSON.stringify(seed.body)).toBe(201);
    const listed = (await worker.get(`/api/cases/${caseId}/entries?kind=legal_event`)).body.entries;
    const byType = new Map(listed.map((e: any) => [e.data.type, e.data]));
    expect((byType.get('labour_inspection') as any).step).toBeUndefined();
    expect((byType.get('reflection_period') as any).step).toBe('art13');
    // Retired, it is refused for new records and the old record keeps its label.
    const now = await listOf(admin, 'legal_event_types');
    const retired = await admin.post('/api/reference-lists/legal_event_types/items/labour_inspection/retire', {
      version: now.version,
    });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect((await legal('labour_inspection')).status).toBe(400);
    const after = await listOf(worker, 'legal_event_types');
    expect(after.items.find((i) => i.code === 'labour_inspection')).toMatchObject({
      active: false,
      label: { en: 'Labour inspection', fr: 'Inspection du travail' },
    });
  });
  test("the directory's organisation type and target groups are checked against her lists; a local target group is accepted", async () => {
    const entry = (changes: Record<string, unknown>) =>
      admin.put('/api/directory/me', {
        organisationType: 'ngo',
        territoryLevel: 'nuts2',
        territory: 'Demo Region North',
        languages: ['it'],
        services: ['health_checkup'],
        targetGroups: ['women'],
        ...changes,
      });
    expect((await entry({})).status).toBe(204);
    const badType = await entry({ organisationType: 'made_up' });
    expect(badType.body.error).toMatchObject({ code: 'unknown_list_value', details: { field: 'organisationType' } });
    expect((await entry({ targetGroups: ['made_up'] })).body.error.code).toBe('unknown_list_value');
    const groups = await listOf(admin, 'target_groups');
    expect(groups.items.map((i) => i.code)).toContain('organs');
    const added = await admin.post('/api/reference-lists/target_groups/items', {
      code: 'domestic_workers',
      labels: { en: 'Domestic workers', fr: 'Travailleuses domestiques' },
      version: groups.version,
    });
    expect(added.status).toBe(201);
    expect((await entry({ targetGroups: ['women', 'domestic_workers'] })).status).toBe(204);
  });
});
