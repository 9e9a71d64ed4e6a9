/**
 * Persons, not cases, at every seam, on both engines: a transferred person, two
 * person rows that linkage found to be one, and one person with two cases each
 * count once in the report, the capture histories and the outcome cohort; a
 * withdrawn statistics consent removes her from all of them. Counts are read
 * unprotected through the services and compared before and after, so the demo
 * data do not matter; every date is relative to today.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../../src/policies/policies';
import type { Role } from '../../src/policies/roles';
import { networkCaptureHistories } from '../../src/services/capture-tables';
import { exportHtcds } from '../../src/services/htcds-export';
import { networkMembers } from '../../src/services/network-scope';
import { cohortAggregates, DEFAULT_OUTCOME_MODEL } from '../../src/domain/outcomes';
import { cohortPersons } from '../../src/services/outcomes';
import { tabulateMembers } from '../../src/services/statistics';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const yearOf = (date: string) => Number(date.slice(0, 4));
const consent = (purpose: string, action: 'granted' | 'withdrawn' = 'granted', partnerOrganisationId?: string) => ({
  kind: 'consent',
  data: {
    purpose,
    action,
    language: 'en',
    interpreterUsed: false,
    recordedOn: daysAgo(0),
    ...(partnerOrganisationId ? { partnerOrganisationId } : {}),
  },
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('persons, not cases, on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let coordinatorHttp: ApiClient;
  let coordinator: Actor;
  let admin: Actor;
  let northId: string;
  let southId: string;
  let serial = 0;

  const actorOf = async (email: string): Promise<Actor> => {
    const user = await t.ctx.db.system
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['users.id', 'memberships.organisation_id as organisationId', 'memberships.roles'])
      .where('users.email', '=', email)
      .executeTakeFirstOrThrow();
    return { userId: user.id, organisationId: user.organisationId, roles: user.roles as Role[] };
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    coordinatorHttp = await t.as('coordinator@north.demo.test');
    coordinator = await actorOf('coordinator@north.demo.test');
    admin = await actorOf('admin@north.demo.test');
    northId = coordinator.organisationId;
    southId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(t.ctx.db.system))
      .rows[0].id;
  });
  afterAll(() => t.close());

  /** A new person's case: determined by the organisation, with a job found after intake, and the consents given. */
  async function newCase(client: ApiClient, contactDate: string, purposes: string[] = ['anonymous_statistics']) {
    serial += 1;
    const res = await client.post(
      '/api/cases',
      intake({
        person: {
          givenName: 'Demo',
          familyName: `Persona ${800 + serial}`,
          dateOfBirth: '1996-03-04',
          sex: 'female',
          citizenship: 'MD',
        },
        intake: {
          channel: 'hotline',
          contactDate,
          municipality: 'Demo Town',
          language: 'ro',
          mediatorUsed: false,
          immediateNeeds: [],
        },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await describeCase(client, res.body.id, contactDate, purposes);
    return res.body as { id: string; personId?: string };
  }

  async function describeCase(client: ApiClient, caseId: string, jobOn: string, purposes: string[]) {
    for (const purpose of purposes)
      expect((await client.post(`/api/cases/${caseId}/entries`, consent(purpose))).status).toBe(201);
    expect(
      (
        await client.post(`/api/cases/${caseId}/entries`, {
          kind: 'determination_organisation',
          data: { outcome: 'determined', decidedBy: 'Demo team', decidedOn: daysAgo(0) },
        })
      ).status,
    ).toBe(201);
    const job = await client.post(`/api/cases/${caseId}/entries`, {
      kind: 'outcome_event',
      data: { kind: 'job', date: jobOn },
    });
    expect(job.status, JSON.stringify(job.body)).toBe(201);
  }

  /** Her first case closes and she comes back: a new case for the same person row (her second contact). */
  async function nextCase(
    client: ApiClient,
    first: { id: string },
    contactDate: string,
    purposes: string[] = ['anonymous_statistics'],
  ) {
    const current = (await client.get(`/api/cases/${first.id}`)).body;
    const closed = await client.post(`/api/cases/${first.id}/transitions`, {
      to: 'closed',
      reason: 'programme_completed',
      version: current.version,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const res = await client.post('/api/cases', {
      personId: current.person.id,
      intake: { channel: 'self_referral', contactDate, mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'low' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.person.id).toBe(current.person.id);
    await describeCase(client, res.body.id, contactDate, purposes);
    return res.body as { id: string };
  }

  const personOf = async (caseId: string) =>
    (
      await sql<{
        person_id: string;
        network_person_id: string;
      }>`SELECT c.person_id, p.network_person_id FROM cases c JOIN persons p ON p.organisation_id = c.organisation_id AND p.id = c.person_id WHERE c.id = ${caseId}`.execute(
        t.ctx.db.system,
      )
    ).rows[0];

  const period = { from: yearOf(daysAgo(800)), to: yearOf(daysAgo(0)) };
  /** True person counts (unprotected) of the report, the capture histories and the cohort, at one scope. */
  async function counts(scope: 'organisation' | 'network') {
    const members =
      scope === 'network' ? await networkMembers(t.ctx, coordinator) : [{ id: northId, name: 'Demo Shelter North' }];
    const report = await tabulateMembers(
      t.ctx,
      coordinator,
      { population: 'determined_victims_org', rows: 'year', cols: 'all', ...period },
      members,
      scope === 'network',
    );
    const histories = await networkCaptureHistories(t.ctx, coordinator, 'organisation');
    const [n, s] = ['Demo Shelter North', 'Demo Outreach South'].map((name) => histories.lists.indexOf(name));
    const cohort = cohortAggregates(DEFAULT_OUTCOME_MODEL, (await cohortPersons(t.ctx, coordinator, scope)).persons, {
      threshold: 1,
    });
    const jobs = cohort.timeToMilestone.find((m) => m.kind === 'job')!.persons;
    const byYear = (year: number) => {
      const i = report.table.rows.indexOf(String(year));
      return i < 0 ? 0 : report.table.rowTotals[i];
    };
    return {
      report: report.table.grandTotal,
      byYear,
      capture: histories.persons,
      inBoth: histories.rows.filter((r) => r.lists[n] === 1 && r.lists[s] === 1).reduce((sum, r) => sum + r.count, 0),
      cohort: 'value' in jobs ? jobs.value : 0,
    };
  }
  /** The published reports still come out (no duplicate person breaks them). */
  async function reportsPublish() {
    for (const scope of ['organisation', 'network']) {
      const res = await coordinatorHttp.get(
        `/api/statistics/report?population=determined_victims_org&rows=citizenship&cols=sex&from=${period.from}&to=${period.to}&scope=${scope}`,
      );
      expect(res.status, `${scope}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  }

  test('a person transferred between two organisations, with statistics consent at both ends, counts once in the network report, capture histories and cohort', async () => {
    const before = await counts('network');
    const sent = await newCase(north, daysAgo(120), ['anonymous_statistics']);
    expect(
      (await north.post(`/api/cases/${sent.id}/entries`, consent('referral_sharing', 'granted', southId))).status,
    ).toBe(201);
    const referral = await north.post(`/api/cases/${sent.id}/referrals`, {
      toOrganisationId: southId,
      kind: 'transfer',
      requestedService: 'accommodation',
      sections: ['identity'],
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const accepted = await south.post(`/api/referrals/${referral.body.id}/accept`, { version: referral.body.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    // The receiver asks for her consents afresh; she gives statistics consent there too.
    await describeCase(south, accepted.body.toCaseId, daysAgo(0), ['anonymous_statistics']);
    // The transfer carries her network person identity to the receiver's new person row.
    expect((await personOf(accepted.body.toCaseId)).network_person_id).toBe(
      (await personOf(sent.id)).network_person_id,
    );

    const after = await counts('network');
    expect(after.report - before.report).toBe(1);
    expect(after.capture - before.capture).toBe(1);
    expect(after.inBoth - before.inBoth).toBe(1);
    expect(after.cohort - before.cohort).toBe(1);
    await reportsPublish();

    // She withdraws her statistics consent at the receiver: gone from every network statistic, though the sender's closed case still shows the grant.
    expect(
      (await south.post(`/api/cases/${accepted.body.toCaseId}/entries`, consent('anonymous_statistics', 'withdrawn')))
        .status,
    ).toBe(201);
    const withdrawn = await counts('network');
    expect([withdrawn.report, withdrawn.capture, withdrawn.inBoth, withdrawn.cohort]).toEqual([
      before.report,
      before.capture,
      before.inBoth,
      before.cohort,
    ]);
  });

  test('two person rows of one organisation in one linkage cluster count once at organisation scope, and the report still publishes', async () => {
    const before = await counts('organisation');
    const beforeNetwork = await counts('network');
    const a = await newCase(north, daysAgo(90), ['anonymous_statistics', 'network_deduplication']);
    const b = await newCase(north, daysAgo(60), ['anonymous_statistics', 'network_deduplication']);
    const c = await newCase(south, daysAgo(70), ['anonymous_statistics', 'network_deduplication']);
    // A cluster holding two records of one organisation (linkage chains them through partners' records); written as a run would.
    const cluster = crypto.randomUUID();
    const run = crypto.randomUUID();
    for (const [org, caseId, partner] of [
      [northId, a.id, southId],
      [northId, b.id, southId],
      [southId, c.id, northId],
    ]) {
      const { person_id } = await personOf(caseId);
      await sql`INSERT INTO linkage_matches (organisation_id, person_id, cluster_id, partner_organisation_ids, run_id) VALUES (${org}, ${person_id}, ${cluster}, ARRAY[${partner}]::uuid[], ${run})`.execute(
        t.ctx.db.system,
      );
    }
    const after = await counts('organisation');
    expect(after.report - before.report).toBe(1);
    expect(after.cohort - before.cohort).toBe(1);
    const afterNetwork = await counts('network');
    expect([
      afterNetwork.report - beforeNetwork.report,
      afterNetwork.capture - beforeNetwork.capture,
      afterNetwork.cohort - beforeNetwork.cohort,
    ]).toEqual([1, 1, 1]);
    await reportsPublish();
  });

  test('one person with two cases in one organisation is one person: earliest first contact, one HTCDS record', async () => {
    const before = await counts('organisation');
    const htcdsBefore = (await exportHtcds(t.ctx, admin, 5)).provenance;
    const first = await newCase(north, daysAgo(400));
    await nextCase(north, first, daysAgo(10));

    const after = await counts('organisation');
    expect(after.report - before.report).toBe(1);
    expect(after.capture - before.capture).toBe(1);
    expect(after.cohort - before.cohort).toBe(1);
    // Counted in the year she was first met.
    expect(after.byYear(yearOf(daysAgo(400))) - before.byYear(yearOf(daysAgo(400)))).toBe(1);
    if (yearOf(daysAgo(10)) !== yearOf(daysAgo(400)))
      expect(after.byYear(yearOf(daysAgo(10))) - before.byYear(yearOf(daysAgo(10)))).toBe(0);
    const htcds = (await exportHtcds(t.ctx, admin, 5)).provenance;
    expect(htcds.personsWithConsent - htcdsBefore.personsWithConsent).toBe(1);
    await reportsPublish();
  });

  test('a statistics consent withdrawn on any of her cases, after every grant, removes her from all three statistics', async () => {
    const before = await counts('organisation');
    const first = await newCase(north, daysAgo(300));
    const second = await nextCase(north, first, daysAgo(30));
    const single = await newCase(north, daysAgo(50));
    const counted = await counts('organisation');
    expect([counted.report - before.report, counted.capture - before.capture, counted.cohort - before.cohort]).toEqual([
      2, 2, 2,
    ]);

    // Withdrawn on her later case: her grant on the first case no longer counts. And the other person withdraws too.
    expect(
      (await north.post(`/api/cases/${second.id}/entries`, consent('anonymous_statistics', 'withdrawn'))).status,
    ).toBe(201);
    expect(
      (await north.post(`/api/cases/${single.id}/entries`, consent('anonymous_statistics', 'withdrawn'))).status,
    ).toBe(201);
    const after = await counts('organisation');
    expect([after.report, after.capture, after.cohort]).toEqual([before.report, before.capture, before.cohort]);
    await reportsPublish();
  });

  test('found not to be a victim by the sender, she is no potential victim at network scope after a transfer to a partner that has not assessed her', async () => {
    const members = await networkMembers(t.ctx, coordinator);
    const potential = async () =>
      (
        await tabulateMembers(
          t.ctx,
          coordinator,
          { population: 'potential_victims', rows: 'all', cols: 'all', ...period },
          members,
          true,
        )
      ).table.grandTotal;
    const before = await potential();
    serial += 1;
    const sent = (
      await north.post(
        '/api/cases',
        intake({
          person: {
            givenName: 'Demo',
            familyName: `Persona ${800 + serial}`,
            dateOfBirth: '1994-02-03',
            sex: 'female',
            citizenship: 'MD',
          },
          intake: { channel: 'hotline', contactDate: daysAgo(60), mediatorUsed: false, immediateNeeds: [] },
        }),
      )
    ).body;
    for (const c of [consent('anonymous_statistics'), consent('referral_sharing', 'granted', southId)])
      expect((await north.post(`/api/cases/${sent.id}/entries`, c)).status).toBe(201);
    expect(
      (
        await north.post(`/api/cases/${sent.id}/entries`, {
          kind: 'determination_organisation',
          data: { outcome: 'not_determined', decidedBy: 'Demo team', decidedOn: daysAgo(1) },
        })
      ).status,
    ).toBe(201);
    expect(await potential()).toBe(before);
    const referral = await north.post(`/api/cases/${sent.id}/referrals`, {
      toOrganisationId: southId,
      kind: 'transfer',
      requestedService: 'accommodation',
      sections: ['identity'],
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const accepted = await south.post(`/api/referrals/${referral.body.id}/accept`, { version: referral.body.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(
      (await south.post(`/api/cases/${accepted.body.toCaseId}/entries`, consent('anonymous_statistics'))).status,
    ).toBe(201);
    // The receiver's record alone would make her a potential victim; her person-level determination says she is not.
    expect(await potential()).toBe(before);
  });
});
