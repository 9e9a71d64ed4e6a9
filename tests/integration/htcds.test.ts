/** The de-identified HTCDS export through the API, on both engines: consent, no identifying data, k-anonymity, CSV, policy, audit. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HTCDS_COLUMNS, QUASI_IDENTIFIERS } from '../../src/domain/statistics';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const consent = (purpose: string) => ({
  kind: 'consent',
  data: { purpose, action: 'granted', language: 'en', interpreterUsed: false, recordedOn: daysAgo(61) },
});

const DOB = daysAgo(11595);

describe.each(ENGINES.map((e) => [e.name, e] as const))('HTCDS export on %s', (_name, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let worker: ApiClient;
  // What the demo data already holds (e.g. the demo contact chain that became a case): this file's persons add to it.
  let before: { personsWithConsent: number; personsWithoutConsent: number };

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin@north.demo.test');
    worker = await t.as('caseworker@north.demo.test');
    before = (await admin.get('/api/exports/htcds')).body.provenance;
    // Birth dates relative to today, so her age band at first contact (61 days ago) never drifts.
    const person = (n: number, overrides: Record<string, unknown> = {}) => ({
      givenName: 'Demo',
      familyName: `Person ${n}`,
      dateOfBirth: DOB,
      sex: 'female',
      citizenship: 'RO',
      ...overrides,
    });
    const open = async (p: Record<string, unknown>, statistics: boolean) => {
      const c = (await worker.post('/api/cases', intake({ person: p }))).body;
      if (statistics)
        expect((await worker.post(`/api/cases/${c.id}/entries`, consent('anonymous_statistics'))).status).toBe(201);
      await worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'identification',
        data: {
          acts: ['recruitment'],
          means: ['deception'],
          purposes: ['forced_labour'],
          formsOfExploitation: ['forced_labour'],
          methodsOfControl: ['debt_bondage', 'withholds_documents'],
          recruiterRelationship: 'family',
          assessedOn: daysAgo(60),
        },
      });
      await worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'determination_organisation',
        data: { outcome: 'determined', decidedBy: 'Demo team', decidedOn: daysAgo(59) },
      });
    };
    for (let n = 701; n <= 705; n++) await open(person(n), true);
    await open(person(706, { sex: 'male', citizenship: 'BR', dateOfBirth: daysAgo(24441) }), true);
    await open(person(707), false);
  });
  afterAll(() => t.close());

  test('one record per consenting person, mapped to HTCDS, with no identifying data and k-anonymous quasi-identifiers', async () => {
    const res = await admin.get('/api/exports/htcds');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { provenance, records } = res.body;
    expect(provenance).toMatchObject({
      personsWithConsent: before.personsWithConsent + 6,
      personsWithoutConsent: before.personsWithoutConsent + 1,
      k: 5,
      withheldRecords: 1,
      organisation: 'Demo Shelter North',
    });
    expect(provenance.standard).toMatch(/HTCDS/);
    expect(provenance.excludedFields).toEqual(
      expect.arrayContaining(['prs_FirstName', 'prs_Birthdate', 'prs_MobilePhone']),
    );
    expect(records).toHaveLength(5);
    expect(records[0]).toMatchObject({
      org_Type: 'NGO',
      prs_Gender: 'Feminine',
      prs_Citizenship: 'RO',
      ariadne_AgeBandAtFirstContact: '25-34',
      ariadne_FirstContactYear: Number(daysAgo(61).slice(0, 4)),
      vic_TraffickingStatus: 'ActualVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'NGO',
      vic_RelationshipToTrafficker: 'Familial',
      vic_TypeOfExploitation: ['ForcedLabour'],
      vic_MethodsOfControl: ['DebtBondage', 'WithholdsDocuments'],
      cas_Status: 'Active',
      con_Consent: true,
    });
    expect(Object.keys(records[0]).sort()).toEqual([...HTCDS_COLUMNS].sort());
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(new RegExp(`Person 70\\d|${DOB}|Demo Town|old address|Demo Caseworker|@north`, 'i'));
    const groups = new Map<string, number>();
    for (const r of records)
      groups.set(
        QUASI_IDENTIFIERS.map((f) => r[f]).join('|'),
        (groups.get(QUASI_IDENTIFIERS.map((f) => r[f]).join('|')) ?? 0) + 1,
      );
    for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(5);
    const audit = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.htcds'`.execute(t.ctx.db.system);
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  test('CSV carries the HTCDS field names; a stricter k withholds more', async () => {
    const csv = await admin.get('/api/exports/htcds?format=csv&k=6');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/text\/csv/);
    const lines = String(csv.body).trim().split(/\r?\n/);
    expect(lines[0]).toBe(HTCDS_COLUMNS.join(','));
    expect(lines).toHaveLength(1);
    expect(String(csv.body)).not.toMatch(/Person 70\d/);
  });

  test('only administrators export; k must be at least 2', async () => {
    expect((await worker.get('/api/exports/htcds')).status).toBe(403);
    expect((await (await t.as('coordinator@north.demo.test')).get('/api/exports/htcds')).status).toBe(403);
    expect((await admin.get('/api/exports/htcds?k=1')).status).toBe(400);
  });
});
