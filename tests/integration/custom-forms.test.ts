/**
 * Custom forms (issue #17) on both engines: an administrator builds, publishes and retires forms;
 * a caseworker records them on a case; the server enforces skip logic, constraints and choices
 * whatever the client sends; sealed values are never clear in any row; versions never reinterpret
 * what was recorded; other organisations see nothing; a form targeting `service` adds fields there.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FormDefinitionInput } from '../../src/domain/forms/definition';
import type { Actor } from '../../src/policies/policies';
import type { Role } from '../../src/policies/roles';
import { customRecordsOf } from '../../src/services/custom-forms';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const SECRET = 'Demo secret: the flat above the Demo Bakery';
const SENSITIVE_DATE = '1999-04-03';
const byName = (list: { name: string; value: unknown }[]) => Object.fromEntries(list.map((v) => [v.name, v.value]));

const arrival = (): FormDefinitionInput => ({
  code: 'arrival',
  title: { en: 'Arrival', fr: 'Arrivée' },
  target: 'case',
  sections: [
    {
      name: 'journey',
      label: { en: 'Journey' },
      fields: [
        { name: 'travelled_alone', type: 'yes_no', label: { en: 'Travelled alone' }, required: true },
        {
          name: 'companions',
          type: 'number',
          label: { en: 'Companions', fr: 'Accompagnants' },
          relevant: '${travelled_alone} = false()',
          required: true,
          constraint: '. >= 1 and . <= 20',
          constraintMessage: { en: 'Between 1 and 20' },
        },
        { name: 'where_stayed', type: 'long_text', label: { en: 'Where she stayed' } },
        { name: 'first_seen', type: 'date', label: { en: 'First seen' }, sensitive: true },
        {
          name: 'route',
          type: 'select_one',
          label: { en: 'Route' },
          choices: {
            options: [
              { code: 'land', label: { en: 'Land' } },
              { code: 'sea', label: { en: 'Sea' } },
            ],
          },
        },
      ],
    },
  ],
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('custom forms on %s', (_name, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let worker: ApiClient;
  let south: ApiClient;
  let southAdmin: ApiClient;
  let caseId: string;
  const db = () => t.ctx.db.system;
  const actorOf = async (email: string): Promise<Actor> => {
    const user = await db()
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['users.id', 'memberships.organisation_id as organisationId', 'memberships.roles'])
      .where('users.email', '=', email)
      .executeTakeFirstOrThrow();
    return { userId: user.id, organisationId: user.organisationId, roles: user.roles as Role[] };
  };
  const record = (data: Record<string, unknown>) =>
    worker.post(`/api/cases/${caseId}/entries`, { kind: 'custom_form', data });
  const publish = async (code: string) => {
    const form = (await admin.get(`/api/configuration/forms/${code}`)).body.form;
    return admin.post(`/api/configuration/forms/${code}/publish`, { lockVersion: form.lockVersion });
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin@north.demo.test');
    worker = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    southAdmin = await t.as('admin@south.demo.test');
    caseId = (await worker.post('/api/cases', intake())).body.id;
  });
  afterAll(() => t.close());

  test('an administrator creates a draft, edits it under its lock and publishes version 1', async () => {
    const created = await admin.post('/api/configuration/forms', { definition: arrival() });
    expect(created.status).toBe(201);
    expect(created.body.form).toMatchObject({ code: 'arrival', status: 'draft', currentVersion: 0, lockVersion: 1 });
    expect((await admin.post('/api/configuration/forms', { definition: arrival() })).status).toBe(409);
    // Not offered to staff before publication.
    expect((await worker.get('/api/forms')).body.forms).toEqual([]);
    const edited = await admin.put('/api/configuration/forms/arrival/draft', {
      definition: { ...arrival(), title: { en: 'Arrival and journey' } },
      lockVersion: 1,
    });
    expect([edited.status, edited.body.form.lockVersion]).toEqual([200, 2]);
    const stale = await admin.put('/api/configuration/forms/arrival/draft', { definition: arrival(), lockVersion: 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
    const published = await admin.post('/api/configuration/forms/arrival/publish', { lockVersion: 2 });
    expect(published.status).toBe(200);
    expect(published.body.form).toMatchObject({ status: 'published', currentVersion: 1 });
    const offered = (await worker.get('/api/forms?target=case')).body.forms;
    expect(offered.map((f: { code: string }) => f.code)).toEqual(['arrival']);
    expect(offered[0].draft).toBeNull();
    expect(offered[0].published.title.en).toBe('Arrival and journey');
  });

  test('publication refuses a broken expression, an unknown list and an unknown target, at their paths', async () => {
    const bad = arrival();
    bad.code = 'broken';
    bad.sections[0]!.fields[1]!.relevant = '${travelled_alone} = = 1';
    bad.sections[0]!.fields[4]!.choices = { list: 'no_such_list' };
    expect((await admin.post('/api/configuration/forms', { definition: bad })).status).toBe(201);
    const res = await publish('broken');
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toContain('definition.sections.0.fields.1.relevant');
    expect(paths).toContain('definition.sections.0.fields.4.choices.list');
    const target = { ...arrival(), code: 'nowhere', target: 'no_such_kind' };
    expect((await admin.post('/api/configuration/forms', { definition: target })).status).toBe(201);
    const refused = await publish('nowhere');
    expect(refused.body.error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(['definition.target']);
  });

  test('a caseworker cannot build or publish forms; she reads the published ones', async () => {
    expect((await worker.post('/api/configuration/forms', { definition: { ...arrival(), code: 'mine' } })).status).toBe(
      403,
    );
    expect((await worker.post('/api/configuration/forms/arrival/publish', { lockVersion: 3 })).status).toBe(403);
    expect((await worker.get('/api/configuration/forms')).status).toBe(403);
    expect((await worker.get('/api/forms/arrival/versions/1')).body.version.definition.code).toBe('arrival');
  });

  test('the server enforces required, skip logic, constraints and choices whatever the client sends', async () => {
    const missing = await record({ form: 'arrival', version: 1, values: { travelled_alone: false } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([
      expect.objectContaining({ path: ['data', 'values', 'companions'], code: 'required' }),
    ]);
    const outOfRange = await record({
      form: 'arrival',
      version: 1,
      values: { travelled_alone: false, companions: 40 },
    });
    expect(outOfRange.body.error.details).toEqual([
      expect.objectContaining({ path: ['data', 'values', 'companions'], code: 'constraint' }),
    ]);
    const choice = await record({ form: 'arrival', version: 1, values: { travelled_alone: true, route: 'air' } });
    expect(choice.body.error.details[0]).toMatchObject({ path: ['data', 'values', 'route'], code: 'choice' });
    const unknown = await record({ form: 'arrival', version: 1, values: { travelled_alone: true, shoe_size: 4 } });
    expect(unknown.body.error.details[0]).toMatchObject({ path: ['data', 'values', 'shoe_size'] });
    // Irrelevant (she travelled alone): the server drops the companions the client sent anyway.
    const dropped = await record({ form: 'arrival', version: 1, values: { travelled_alone: true, companions: 3 } });
    expect(dropped.status).toBe(201);
    expect(dropped.body.data).toEqual({
      form: 'arrival',
      version: 1,
      values: [{ name: 'travelled_alone', value: true }],
    });
  });

  test('text and sensitive values are sealed: never clear in any row or the logs; staff read them back', async () => {
    const res = await record({
      form: 'arrival',
      version: 1,
      values: {
        travelled_alone: false,
        companions: 2,
        where_stayed: SECRET,
        first_seen: SENSITIVE_DATE,
        route: 'sea',
      },
    });
    expect(res.status).toBe(201);
    // A response lists the values as { name, value } (the names are the form's data, not the schema's).
    expect(byName(res.body.data.values)).toEqual({
      travelled_alone: false,
      companions: 2,
      where_stayed: SECRET,
      first_seen: SENSITIVE_DATE,
      route: 'sea',
    });
    const row = (
      await sql<{ data: string; secret_enc: string }>`
        SELECT data::text AS data, secret_enc FROM case_entries WHERE id = ${res.body.id}`.execute(db())
    ).rows[0]!;
    expect(JSON.parse(row.data)).toEqual({
      form: 'arrival',
      version: 1,
      values: { travelled_alone: false, companions: 2, route: 'sea' },
    });
    expect(row.secret_enc).toMatch(/^enc1\./);
    for (const needle of ['Demo Bakery', SENSITIVE_DATE]) {
      const hits = await sql<{ n: number }>`
        SELECT (SELECT count(*) FROM case_entries WHERE data::text LIKE ${'%' + needle + '%'})
             + (SELECT count(*) FROM case_events WHERE data::text LIKE ${'%' + needle + '%'})
             + (SELECT count(*) FROM audit_log WHERE array_to_string(fields, ',') LIKE ${'%' + needle + '%'}) AS n`.execute(
        db(),
      );
      expect(Number(hits.rows[0]!.n), needle).toBe(0);
    }
    expect(t.logs.join('\n')).not.toContain('Demo Bakery');
    const listed = (await worker.get(`/api/cases/${caseId}/entries?kind=custom_form`)).body.entries;
    expect(byName(listed.find((e: { id: string }) => e.id === res.body.id).data.values).where_stayed).toBe(SECRET);
  });

  test('a form edited between two recordings: both records read back intact with their own version', async () => {
    const v1Record = await record({
      form: 'arrival',
      version: 1,
      values: { travelled_alone: false, companions: 1, where_stayed: SECRET, route: 'land' },
    });
    expect(v1Record.status).toBe(201);
    // v2: a label renamed, a field retired, a required field added, the choices changed.
    const v2 = arrival();
    v2.title = { en: 'Arrival and journey' };
    v2.sections[0]!.fields[1]!.label = { en: 'People with her' };
    v2.sections[0]!.fields[2]!.retired = true;
    v2.sections[0]!.fields[4]!.choices = { options: [{ code: 'air', label: { en: 'Air' } }] };
    v2.sections[0]!.fields.push({ name: 'interpreter', type: 'yes_no', label: { en: 'Interpreter' }, required: true });
    const form = (await admin.get('/api/configuration/forms/arrival')).body.form;
    const saved = await admin.put('/api/configuration/forms/arrival/draft', {
      definition: v2,
      lockVersion: form.lockVersion,
    });
    expect(saved.status).toBe(200);
    expect((await publish('arrival')).body.form.currentVersion).toBe(2);

    // A new record must use the current version: a stale one is a clear 409.
    const stale = await record({ form: 'arrival', version: 1, values: { travelled_alone: true } });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'form_version_stale']);
    // A retired field takes no new answers.
    const retiredAnswer = await record({
      form: 'arrival',
      version: 2,
      values: { travelled_alone: true, interpreter: true, where_stayed: 'no longer asked' },
    });
    expect(retiredAnswer.body.error.details[0]).toMatchObject({ path: ['data', 'values', 'where_stayed'] });
    const v2Record = await record({
      form: 'arrival',
      version: 2,
      values: { travelled_alone: true, interpreter: true, route: 'air' },
    });
    expect(v2Record.status).toBe(201);
    expect(v2Record.body.data).toMatchObject({ form: 'arrival', version: 2 });
    expect(byName(v2Record.body.data.values)).toEqual({ travelled_alone: true, interpreter: true, route: 'air' });

    // Both read back with their own version and its labels.
    const records = await customRecordsOf(t.ctx, await actorOf('caseworker@north.demo.test'), caseId);
    const first = records.find((r) => r.entryId === v1Record.body.id)!;
    const second = records.find((r) => r.entryId === v2Record.body.id)!;
    expect(first).toMatchObject({ form: 'arrival', version: 1 });
    expect(first.values).toEqual({ travelled_alone: false, companions: 1, where_stayed: SECRET, route: 'land' });
    expect(first.definition.sections[0]!.fields[1]!.label.en).toBe('Companions');
    expect(first.definition.sections[0]!.fields[2]!.retired).toBe(false);
    expect(second.version).toBe(2);
    expect(second.definition.sections[0]!.fields[1]!.label.en).toBe('People with her');
    const v1 = (await worker.get('/api/forms/arrival/versions/1')).body.version.definition;
    expect(v1.sections[0].fields.map((f: { name: string }) => f.name)).not.toContain('interpreter');

    // A correction of the v1 record is validated against v1 (no `interpreter` needed, `land` still a choice).
    const corrected = await worker.patch(`/api/cases/${caseId}/entries/${v1Record.body.id}`, {
      data: { form: 'arrival', version: 1, values: { travelled_alone: false, companions: 4, route: 'land' } },
      version: 1,
      reason: 'Four companions, not one',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.data).toMatchObject({ form: 'arrival', version: 1 });
    expect(byName(corrected.body.data.values)).toEqual({ travelled_alone: false, companions: 4, route: 'land' });
    const moved = await worker.patch(`/api/cases/${caseId}/entries/${v1Record.body.id}`, {
      data: { form: 'arrival', version: 2, values: { travelled_alone: true, interpreter: false } },
      version: 2,
      reason: 'Move to v2',
    });
    expect([moved.status, moved.body.error.code]).toEqual([400, 'form_version_fixed']);
    // Voiding works as for every record.
    const voided = await worker.post(`/api/cases/${caseId}/entries/${v2Record.body.id}/void`, {
      reason: 'Recorded on the wrong case',
      version: 1,
    });
    expect(voided.status).toBe(200);
    const after = await customRecordsOf(t.ctx, await actorOf('caseworker@north.demo.test'), caseId);
    expect(after.map((r) => r.entryId)).not.toContain(v2Record.body.id);
    // The immutability of a published version holds below the application too.
    await expect(sql`UPDATE custom_form_versions SET definition = '{}'::jsonb`.execute(db())).rejects.toThrow();
  });

  test('south reads none of north forms or records', async () => {
    expect((await south.get('/api/forms')).body.forms).toEqual([]);
    expect((await south.get('/api/forms/arrival/versions/1')).status).toBe(404);
    expect((await southAdmin.get('/api/configuration/forms/arrival')).status).toBe(404);
    expect((await south.get(`/api/cases/${caseId}/entries?kind=custom_form`)).status).toBe(404);
    // South's own form of the same code is its own.
    expect((await southAdmin.post('/api/configuration/forms', { definition: arrival() })).status).toBe(201);
  });

  test('a retired form takes no new records; its records stay readable', async () => {
    const form = (await admin.get('/api/configuration/forms/arrival')).body.form;
    const retired = await admin.post('/api/configuration/forms/arrival/retire', { lockVersion: form.lockVersion });
    expect(retired.body.form.status).toBe('retired');
    const refused = await record({ form: 'arrival', version: 2, values: { travelled_alone: true, interpreter: true } });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'form_retired']);
    const listed = (await worker.get(`/api/cases/${caseId}/entries?kind=custom_form`)).body.entries;
    expect(listed.length).toBeGreaterThan(0);
  });

  test('custom fields on another kind (service): validated, sealed and read back in data.custom', async () => {
    const definition: FormDefinitionInput = {
      code: 'service_extra',
      title: { en: 'Service details' },
      target: 'service',
      sections: [
        {
          name: 'details',
          label: { en: 'Details' },
          fields: [
            { name: 'satisfied', type: 'yes_no', label: { en: 'Satisfied' }, required: true },
            { name: 'comment', type: 'text', label: { en: 'Comment' } },
          ],
        },
      ],
    };
    expect((await admin.post('/api/configuration/forms', { definition })).status).toBe(201);
    expect((await publish('service_extra')).status).toBe(200);
    const service = { service: 'social_counselling', deliveredOn: daysAgo(1), provider: 'own' };
    const missing = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'service',
      data: { ...service, custom: { form: 'service_extra', version: 1, values: {} } },
    });
    expect(missing.body.error.details[0]).toMatchObject({ path: ['data', 'custom', 'values', 'satisfied'] });
    const res = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'service',
      data: { ...service, custom: { form: 'service_extra', version: 1, values: { satisfied: true, comment: SECRET } } },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.custom).toEqual({
      form: 'service_extra',
      version: 1,
      values: [
        { name: 'satisfied', value: true },
        { name: 'comment', value: SECRET },
      ],
    });
    const row = (
      await sql<{ data: string }>`SELECT data::text AS data FROM case_entries WHERE id = ${res.body.id}`.execute(db())
    ).rows[0]!;
    expect(row.data).not.toContain('Demo Bakery');
    expect(JSON.parse(row.data).custom.values).toEqual({ satisfied: true });
    const records = await customRecordsOf(t.ctx, await actorOf('caseworker@north.demo.test'), caseId);
    expect(records.find((r) => r.entryId === res.body.id)).toMatchObject({
      kind: 'service',
      form: 'service_extra',
      values: { satisfied: true, comment: SECRET },
    });
    // A form of another target is refused on this kind.
    const wrong = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'service',
      data: { ...service, custom: { form: 'arrival', version: 2, values: {} } },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'unknown_form']);
  });
});
