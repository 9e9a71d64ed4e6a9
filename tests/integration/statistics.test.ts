/** Honest statistics through the API: persons not cases, small cells hidden, exports, the registry and MSE. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { intake } from './support/fixtures';

// The years of the fixtures' contact and determination dates (61 and 60 days ago): the report filters on them.
const YEARS = `from=${daysAgo(61).slice(0, 4)}&to=${daysAgo(60).slice(0, 4)}`;

describe.each(ENGINES.map((e) => [e.name, e] as const))('statistics on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@north.demo.test');
    const worker = await t.as('caseworker@north.demo.test');
    // 7 Moldovan and 2 Nigerian women consent to statistics; 1 more person does not.
    const people = [...Array(7).fill('MD'), 'NG', 'NG', 'NG'];
    for (const [i, citizenship] of people.entries()) {
      const c = (
        await worker.post(
          '/api/cases',
          intake({
            person: {
              givenName: 'Demo',
              familyName: `Person ${600 + i}`,
              citizenship,
              sex: 'female',
              dateOfBirth: '1998-01-01',
            },
          }),
        )
      ).body;
      if (i < 9)
        await worker.post(`/api/cases/${c.id}/entries`, {
          kind: 'consent',
          data: {
            purpose: 'anonymous_statistics',
            action: 'granted',
            language: 'en',
            interpreterUsed: false,
            recordedOn: daysAgo(61),
          },
        });
      await worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'determination_organisation',
        data: { outcome: 'determined', decidedBy: 'Demo team', decidedOn: daysAgo(60) },
      });
    }
  });
  afterAll(() => t.close());

  test('counts persons with consent, states what it counts, and hides small cells with complements', async () => {
    const res = await coordinator.get(
      `/api/statistics/report?population=determined_victims_org&rows=citizenship&cols=sex&${YEARS}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({
      counts: 'persons',
      population: 'determined_victims_org',
      populationKind: 'trafficking',
    });
    expect(report.notes.join(' ')).toMatch(/not consented to anonymous statistics/);
    const row = (code: string) => report.table.rows.indexOf(code);
    const female = report.table.cols.indexOf('female');
    const hidden = (v: unknown) => typeof v === 'object' && v !== null && 'suppressed' in v;
    expect(report.table.cells[row('NG')][female]).toEqual(
      expect.objectContaining({ suppressed: true, reason: 'primary' }),
    );
    // Recovery by subtraction is impossible: no row or column (with its total) has exactly one hidden count.
    const { cells, rowTotals, colTotals, grandTotal } = report.table;
    const lines = [
      ...cells.map((r: unknown[], i: number) => [...r, rowTotals[i]]),
      ...cells[0].map((_: unknown, j: number) => [...cells.map((r: unknown[]) => r[j]), colTotals[j]]),
      [...rowTotals, grandTotal],
      [...colTotals, grandTotal],
    ];
    for (const line of lines) expect(line.filter(hidden).length).not.toBe(1);
    expect(cells.flat().filter(hidden).length).toBeGreaterThan(1);
    expect(JSON.stringify(report)).not.toContain('Person 60');
  });

  test('exports carry the same suppression: CSV, XLSX and CTDC-like JSON', async () => {
    const base = `/api/statistics/report?population=determined_victims_org&rows=citizenship&${YEARS}`;
    const csv = await coordinator.request('GET', `${base}&format=csv`);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="ariadne-determined_victims_org/);
    expect(csv.body).toContain('persons');
    const ctdc = await coordinator.get(`${base}&format=ctdc`);
    expect(JSON.stringify(ctdc.body)).toContain('"suppressed":true');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `${base}&format=xlsx`,
      headers: { cookie: coordinator.cookie! },
    });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  test('case staff cannot read aggregates; bad queries are 400', async () => {
    const worker = await t.as('caseworker@north.demo.test');
    expect((await worker.get('/api/statistics/report?population=assisted_persons&rows=year')).status).toBe(403);
    expect((await coordinator.get('/api/statistics/report?population=everyone&rows=year')).status).toBe(400);
    expect(
      (await coordinator.get('/api/statistics/report?population=assisted_persons&rows=year&from=2026&to=2020')).status,
    ).toBe(400);
  });

  test('the registry holds every seeded estimate and flags the recast 120,000 figure', async () => {
    const { estimates } = (await coordinator.get('/api/estimates')).body;
    expect(estimates.length).toBeGreaterThanOrEqual(21);
    const recast = estimates.filter((e: any) => e.chain.recast);
    expect(recast.some((e: any) => e.value === 120000)).toBe(true);
  });

  test('MSE reproduces the reference estimate, can be saved to the registry, and refuses bad tables', async () => {
    const csv = readFileSync('src/domain/mse/fixtures/western.csv', 'utf8');
    const res = await coordinator.post('/api/mse', {
      csv,
      bootstrap: 0,
      save: { label: 'Demo western', geography: 'Demo region', period: '2026' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result.estimate).toBeCloseTo(2483.38, 0);
    expect(res.body.result.terms).toEqual(['A:E']);
    const saved = (await coordinator.get('/api/estimates')).body.estimates.find(
      (e: any) => e.id === res.body.savedEstimateId,
    );
    expect(saved).toMatchObject({ method: 'mse', origin: 'ariadne_mse', value: 2483 });
    // Two lists: Chapman, (n_A + 1)(n_B + 1)/(m + 1) - 1 = (7 + 1)(5 + 1)/(2 + 1) - 1 = 15, with the independence caveat stated (issue #21).
    const twoLists = await coordinator.post('/api/mse', { csv: 'A,B,count\n1,0,5\n0,1,3\n1,1,2\n' });
    expect([twoLists.status, twoLists.body.result.model, twoLists.body.result.estimate]).toEqual([200, 'two_list', 15]);
    expect(twoLists.body.result.caveats[0].code).toBe('two_list_independence');
    const oneList = await coordinator.post('/api/mse', { csv: 'A,count\n1,5\n' });
    expect([oneList.status, oneList.body.error.code]).toEqual([400, 'too_few_lists']);
    const negative = await coordinator.post('/api/mse', { csv: 'A,B,C,count\n1,0,0,-5\n0,1,0,3\n0,0,1,2\n' });
    expect(negative.status).toBe(400);
  });

  test('network scope: persons known to two organisations are counted once, after linkage', async () => {
    const south = await t.as('caseworker@south.demo.test');
    const north = await t.as('caseworker@north.demo.test');
    const grant = (purpose: string) => ({
      kind: 'consent',
      data: { purpose, action: 'granted', language: 'en', interpreterUsed: false, recordedOn: daysAgo(61) },
    });
    // Two persons known in the north are also assisted in the south; both consent to deduplication everywhere.
    for (const family of ['Person 700', 'Person 701']) {
      for (const client of [north, south]) {
        const c = (
          await client.post(
            '/api/cases',
            intake({
              person: {
                givenName: 'Demo',
                familyName: family,
                citizenship: 'MD',
                sex: 'female',
                dateOfBirth: '1998-01-01',
              },
            }),
          )
        ).body;
        for (const purpose of ['anonymous_statistics', 'network_deduplication'])
          await client.post(`/api/cases/${c.id}/entries`, grant(purpose));
        await client.post(`/api/cases/${c.id}/entries`, {
          kind: 'determination_organisation',
          data: { outcome: 'determined', decidedBy: 'Demo team', decidedOn: daysAgo(60) },
        });
      }
    }
    const url = `/api/statistics/report?population=determined_victims_org&rows=all&${YEARS}`;
    const grand = async (scope: string) => (await coordinator.get(`${url}&scope=${scope}`)).body.table.grandTotal;
    expect(await grand('organisation')).toBe(11);
    expect(await grand('network')).toBe(13);
    const { runNetworkLinkage } = await import('../../src/services/linkage');
    await runNetworkLinkage(t.ctx);
    expect(await grand('network')).toBe(11);
    const report = (await coordinator.get(`${url}&scope=network`)).body;
    expect(report.scope.description).toMatch(/counted once/);
    expect(report.scope.organisationIds.length).toBe(3);
  });

  test('MSE reads an uploaded .xlsx like the CSV, and refuses unreadable or ambiguous uploads', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Lists');
    for (const line of readFileSync('src/domain/mse/fixtures/western.csv', 'utf8').trim().split(/\r?\n/))
      sheet.addRow(
        line
          .split(',')
          .map((v, i, all) => ((i === 0 && /[A-Za-z]/.test(v)) || /[A-Za-z]/.test(all[0]) ? v : Number(v))),
      );
    const xlsx = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const res = await coordinator.post('/api/mse', { xlsx, bootstrap: 0 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result.estimate).toBeCloseTo(2483.38, 0);
    const junk = await coordinator.post('/api/mse', { xlsx: Buffer.from('not a workbook').toString('base64') });
    expect([junk.status, junk.body.error.code]).toEqual([400, 'invalid_file']);
    expect((await coordinator.post('/api/mse', { xlsx, csv: 'A,B,C,count\n' })).status).toBe(400);
    expect((await coordinator.post('/api/mse', {})).status).toBe(400);
  });

  test("capture histories from the network's own records: one list per organisation or channel, persons once", async () => {
    const byOrg = await coordinator.get('/api/mse/capture-histories?by=organisation');
    expect(byOrg.status, JSON.stringify(byOrg.body)).toBe(200);
    expect(byOrg.body.lists).toEqual(['Demo Outreach South', 'Demo Shelter North']);
    // 9 + 2 persons consented in the north, 2 in the south who are the same two persons after linkage.
    expect(byOrg.body.persons).toBe(11);
    expect(byOrg.body.rows).toEqual(
      expect.arrayContaining([
        { lists: [1, 1], count: 2 },
        { lists: [0, 1], count: 9 },
      ]),
    );
    expect(byOrg.body.csv.split('\n')[0]).toBe('Demo Outreach South,Demo Shelter North,count');
    const byChannel = (await coordinator.get('/api/mse/capture-histories?by=channel')).body;
    expect(byChannel.lists).toEqual(['hotline']);
    expect(JSON.stringify(byChannel)).not.toContain('Person 70');
    // Two organisations: the two-list estimate, never without its caveat.
    const twoOrgs = await coordinator.post('/api/mse', { csv: byOrg.body.csv });
    expect(twoOrgs.status === 200 ? twoOrgs.body.result.model : twoOrgs.body.error.code).toMatch(
      /^(two_list|no_overlaps)$/,
    );
    expect((await (await t.as('caseworker@north.demo.test')).get('/api/mse/capture-histories')).status).toBe(403);
  });
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('privacy seams of reports on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;
  let admin: ApiClient;
  // Relative to now, so the test never depends on today's date.
  const year = new Date().getUTCFullYear() - 1;
  const on = (month: number) => `${year}-${String(month).padStart(2, '0')}-15`;
  const period = `from=${year}&to=${year}`;
  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@east.demo.test');
    admin = await t.as('admin@east.demo.test');
    const worker = await t.as('caseworker@east.demo.test');
    const org = (outcome: string) => ({
      kind: 'determination_organisation',
      data: { outcome, decidedBy: 'Demo team', decidedOn: on(3) },
    });
    const authority = (outcome: string) => ({
      kind: 'determination_authority',
      data: { outcome, authority: 'Demo authority', decidedOn: on(4) },
    });
    const smuggled = (answer: string) => ({ kind: 'smuggling', data: { smuggled: answer, recordedOn: on(3) } });
    const people: { entries: { kind: string; data: Record<string, unknown> }[] }[] = [
      // Four determined by the organisation (one of them asked about smuggling: no).
      { entries: [org('determined')] },
      { entries: [org('determined')] },
      { entries: [org('determined')] },
      { entries: [org('determined'), smuggled('no')] },
      // Three potential victims: two not yet determined, one pending.
      { entries: [] },
      { entries: [] },
      { entries: [org('pending')] },
      // Three found not to be victims, by the organisation or by an authority.
      { entries: [org('not_determined')] },
      { entries: [org('not_determined')] },
      { entries: [authority('not_determined')] },
      // Two smuggled persons, not trafficked.
      { entries: [org('not_determined'), smuggled('yes')] },
      { entries: [org('not_determined'), smuggled('yes')] },
    ];
    for (const [i, person] of people.entries()) {
      const c = (
        await worker.post(
          '/api/cases',
          intake({
            person: {
              givenName: 'Demo',
              familyName: `Seam ${800 + i}`,
              citizenship: 'MD',
              sex: 'female',
              dateOfBirth: '1998-01-01',
            },
            intake: { channel: 'hotline', contactDate: on(2), mediatorUsed: false, immediateNeeds: [] },
          }),
        )
      ).body;
      expect(c.id).toBeTruthy();
      const consent = await worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'consent',
        data: {
          purpose: 'anonymous_statistics',
          action: 'granted',
          language: 'en',
          interpreterUsed: false,
          recordedOn: on(2),
        },
      });
      expect(consent.status, JSON.stringify(consent.body)).toBe(201);
      for (const entry of person.entries) {
        const res = await worker.post(`/api/cases/${c.id}/entries`, entry);
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
  });
  afterAll(() => t.close());

  test('a suppressed grand total is stated nowhere: not as persons counted or facts considered, in JSON, CSV, XLSX or CTDC', async () => {
    const base = `/api/statistics/report?population=determined_victims_org&rows=citizenship&cols=sex&${period}&threshold=5`;
    const json = await coordinator.get(base);
    expect(json.status, JSON.stringify(json.body)).toBe(200);
    expect(json.body.table.grandTotal).toEqual(expect.objectContaining({ suppressed: true }));
    expect(json.body.threshold).toBe(5);
    expect(json.body.provenance).not.toHaveProperty('personsCounted');
    expect(json.body.provenance).not.toHaveProperty('factsConsidered');
    expect(json.body.provenance.disclosureControl.join(' ')).toMatch(/persons counted withheld/);
    // The response is closed: no audit intervals or suppression settings leave the server.
    expect(json.body.table).not.toHaveProperty('audit');
    expect(json.body.table).not.toHaveProperty('options');
    const numbersIn = (value: unknown): number[] =>
      typeof value === 'number'
        ? [value]
        : Array.isArray(value)
          ? value.flatMap(numbersIn)
          : value && typeof value === 'object'
            ? Object.values(value).flatMap(numbersIn)
            : [];
    // Every number of the release: the period, the threshold and published counts; the hidden total (4) is none of them.
    expect(numbersIn({ ...json.body, period: undefined, threshold: undefined })).not.toContain(4);

    const csv = await coordinator.request('GET', `${base}&format=csv`);
    expect(csv.status).toBe(200);
    const grandLine = String(csv.body)
      .split('\r\n')
      .find((l) => l.includes('grand_total'))!;
    expect(grandLine.split(',').slice(-2)).toEqual(['', 'primary']);
    expect(String(csv.body)).not.toMatch(/persons counted|facts considered/i);

    const ctdc = await coordinator.get(`${base}&format=ctdc`);
    expect(ctdc.body.records.find((r: any) => r.level === 'grand_total')).toMatchObject({
      count: null,
      suppressed: true,
    });
    expect(JSON.stringify(ctdc.body)).not.toMatch(/personsCounted|factsConsidered/);

    const xlsx = await t.app.inject({
      method: 'GET',
      url: `${base}&format=xlsx`,
      headers: { cookie: coordinator.cookie! },
    });
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const about: unknown[][] = [];
    book.getWorksheet('About')!.eachRow((row) => about.push((row.values as unknown[]).slice(1)));
    expect(about.map((r) => r[0])).not.toContain('Persons counted');
    expect(about.map((r) => r[0])).not.toContain('Facts considered');
    expect(about.flat().filter((v) => typeof v === 'number')).toEqual([]);
    const report: unknown[][] = [];
    book.getWorksheet('Report')!.eachRow((row) => report.push((row.values as unknown[]).slice(1)));
    expect(report.at(-1)!.at(-1)).toBe('x');
  });

  test('a published grand total may be stated as the persons counted, and equals it', async () => {
    await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 2 });
    const res = await coordinator.get(
      `/api/statistics/report?population=assisted_persons&rows=all&${period}&threshold=2`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const open = await coordinator.get(
      `/api/statistics/report?population=determined_victims_org&rows=all&${period}&threshold=2`,
    );
    expect(open.body.table.grandTotal).toBe(4);
    expect(open.body.provenance.personsCounted).toBe(4);
    await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 5 });
  });

  test('the threshold has a floor set by the organisation: a request may raise it, never lower it', async () => {
    const url = `/api/statistics/report?population=determined_victims_org&rows=all&${period}`;
    expect((await coordinator.get('/api/statistics/disclosure-floors')).body).toMatchObject({
      organisation: 5,
      canSetOrganisation: false,
    });
    const low = await coordinator.get(`${url}&threshold=2`);
    expect([low.status, low.body.error.code]).toEqual([400, 'threshold_below_floor']);
    expect(low.body.error.details).toEqual([expect.objectContaining({ path: ['threshold'], minimum: 5 })]);
    // Omitted: the floor applies.
    expect((await coordinator.get(url)).body.threshold).toBe(5);
    expect((await coordinator.get(`${url}&threshold=7`)).body.threshold).toBe(7);
    // The CLI and the HTCDS k go through the same floor.
    const htcds = await admin.get('/api/exports/htcds?k=3');
    expect([htcds.status, htcds.body.error.code, htcds.body.error.details[0].path]).toEqual([
      400,
      'threshold_below_floor',
      ['k'],
    ]);
    expect((await admin.get('/api/exports/htcds')).body.provenance.k).toBe(5);
    // Only administrators set the floor, within 2..20.
    expect((await coordinator.put('/api/statistics/disclosure-floors/organisation', { floor: 2 })).status).toBe(403);
    expect((await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 1 })).status).toBe(400);
    const set = await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 3 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ organisation: 3, canSetOrganisation: true });
    expect((await coordinator.get(`${url}&threshold=3`)).status).toBe(200);
    expect((await coordinator.get(`${url}&threshold=2`)).status).toBe(400);
    // Another organisation's floor is untouched.
    const north = await t.as('coordinator@north.demo.test');
    expect((await north.get('/api/statistics/disclosure-floors')).body.organisation).toBe(5);
    await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 5 });
  });

  test('network scope uses the strictest floor of the networks and every member; network managers of the lead set the network floor', async () => {
    await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 2 });
    const url = `/api/statistics/report?population=determined_victims_org&rows=all&${period}`;
    // East accepts 2 for its own reports; the network reports still need the members' floors (5).
    expect((await coordinator.get(`${url}&threshold=2`)).status).toBe(200);
    const floors = (await coordinator.get('/api/statistics/disclosure-floors')).body;
    expect(floors).toMatchObject({ organisation: 2, network: 5 });
    expect(floors.networks).toEqual([expect.objectContaining({ floor: 5, canSet: false })]);
    const networkId = floors.networks[0].id;
    expect((await coordinator.get(`${url}&threshold=4&scope=network`)).body.error.code).toBe('threshold_below_floor');
    // Only the lead organisation's network managers set the network floor.
    expect(
      (await coordinator.put(`/api/statistics/disclosure-floors/networks/${networkId}`, { floor: 8 })).status,
    ).toBe(403);
    const lead = await t.as('coordinator@north.demo.test');
    const set = await lead.put(`/api/statistics/disclosure-floors/networks/${networkId}`, { floor: 8 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.networks[0]).toMatchObject({ floor: 8, canSet: true });
    const refused = await coordinator.get(`${url}&threshold=7&scope=network`);
    expect([refused.status, refused.body.error.details?.[0]?.minimum]).toEqual([400, 8]);
    expect((await coordinator.get(`${url}&scope=network`)).body.threshold).toBe(8);
    // The organisation's own reports keep the organisation's floor.
    expect((await coordinator.get(`${url}&threshold=2`)).status).toBe(200);
    await lead.put(`/api/statistics/disclosure-floors/networks/${networkId}`, { floor: 5 });
    await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 5 });
  });

  test('potential victims exclude persons found not to be victims; smuggling is counted on its own record, apart from trafficking', async () => {
    await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 2 });
    const count = async (population: string) => {
      const res = await coordinator.get(
        `/api/statistics/report?population=${population}&rows=all&${period}&threshold=2`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    expect((await count('potential_victims')).table.grandTotal).toBe(3);
    const smuggling = await count('smuggling');
    expect(smuggling.table.grandTotal).toBe(2);
    expect(smuggling.populationKind).toBe('separate');
    expect(smuggling.notes.join(' ')).toMatch(/Not a trafficking figure/);
    // The smuggled persons are in no trafficking population.
    expect((await count('determined_victims')).table.grandTotal).toBe(4);
    await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 5 });
  });
});
