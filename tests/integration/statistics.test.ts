/** Honest statistics through the API: persons not cases, small cells hidden, exports, the registry and MSE. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { intake } from './support/fixtures';

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
      const c = (await worker.post('/api/cases', intake({ person: { givenName: 'Demo', familyName: `Person ${600 + i}`, citizenship, sex: 'female', dateOfBirth: '1998-01-01' } }))).body;
      if (i < 9) await worker.post(`/api/cases/${c.id}/entries`, { kind: 'consent', data: { purpose: 'anonymous_statistics', action: 'granted', language: 'en', interpreterUsed: false, recordedOn: '2026-10-01' } });
      await worker.post(`/api/cases/${c.id}/entries`, { kind: 'determination_organisation', data: { outcome: 'determined', decidedBy: 'Demo team', decidedOn: '2026-10-02' } });
    }
  });
  afterAll(() => t.close());

  test('counts persons with consent, states what it counts, and hides small cells with complements', async () => {
    const res = await coordinator.get('/api/statistics/report?population=determined_victims_org&rows=citizenship&cols=sex&from=2026&to=2026');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({ counts: 'persons', population: 'determined_victims_org', populationKind: 'trafficking' });
    expect(report.notes.join(' ')).toMatch(/not consented to anonymous statistics/);
    const row = (code: string) => report.table.rows.indexOf(code);
    const female = report.table.cols.indexOf('female');
    const hidden = (v: unknown) => typeof v === 'object' && v !== null && 'suppressed' in v;
    expect(report.table.cells[row('NG')][female]).toEqual(expect.objectContaining({ suppressed: true, reason: 'primary' }));
    // Recovery by subtraction is impossible: no row or column (with its total) has exactly one hidden count.
    const { cells, rowTotals, colTotals, grandTotal } = report.table;
    const lines = [...cells.map((r: unknown[], i: number) => [...r, rowTotals[i]]), ...cells[0].map((_: unknown, j: number) => [...cells.map((r: unknown[]) => r[j]), colTotals[j]]), [...rowTotals, grandTotal], [...colTotals, grandTotal]];
    for (const line of lines) expect(line.filter(hidden).length).not.toBe(1);
    expect(cells.flat().filter(hidden).length).toBeGreaterThan(1);
    expect(JSON.stringify(report)).not.toContain('Person 60');
  });

  test('exports carry the same suppression: CSV, XLSX and CTDC-like JSON', async () => {
    const base = '/api/statistics/report?population=determined_victims_org&rows=citizenship&from=2026&to=2026';
    const csv = await coordinator.request('GET', `${base}&format=csv`);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="ariadne-determined_victims_org/);
    expect(csv.body).toContain('persons');
    const ctdc = await coordinator.get(`${base}&format=ctdc`);
    expect(JSON.stringify(ctdc.body)).toContain('"suppressed":true');
    const xlsx = await t.app.inject({ method: 'GET', url: `${base}&format=xlsx`, headers: { cookie: coordinator.cookie! } });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  test('case staff cannot read aggregates; bad queries are 400', async () => {
    const worker = await t.as('caseworker@north.demo.test');
    expect((await worker.get('/api/statistics/report?population=assisted_persons&rows=year')).status).toBe(403);
    expect((await coordinator.get('/api/statistics/report?population=everyone&rows=year')).status).toBe(400);
    expect((await coordinator.get('/api/statistics/report?population=assisted_persons&rows=year&from=2026&to=2020')).status).toBe(400);
  });

  test('the registry holds every seeded estimate and flags the recast 120,000 figure', async () => {
    const { estimates } = (await coordinator.get('/api/estimates')).body;
    expect(estimates.length).toBeGreaterThanOrEqual(21);
    const recast = estimates.filter((e: any) => e.chain.recast);
    expect(recast.some((e: any) => e.value === 120000)).toBe(true);
  });

  test('MSE reproduces the reference estimate, can be saved to the registry, and refuses bad tables', async () => {
    const csv = readFileSync('src/domain/mse/fixtures/western.csv', 'utf8');
    const res = await coordinator.post('/api/mse', { csv, bootstrap: 0, save: { label: 'Demo western', geography: 'Demo region', period: '2026' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result.estimate).toBeCloseTo(2483.38, 0);
    expect(res.body.result.terms).toEqual(['A:E']);
    const saved = (await coordinator.get('/api/estimates')).body.estimates.find((e: any) => e.id === res.body.savedEstimateId);
    expect(saved).toMatchObject({ method: 'mse', origin: 'ariadne_mse', value: 2483 });
    const twoLists = await coordinator.post('/api/mse', { csv: 'A,B,count\n1,0,5\n0,1,3\n1,1,2\n' });
    expect([twoLists.status, twoLists.body.error.code]).toEqual([400, 'too_few_lists']);
    const negative = await coordinator.post('/api/mse', { csv: 'A,B,C,count\n1,0,0,-5\n0,1,0,3\n0,0,1,2\n' });
    expect(negative.status).toBe(400);
  });

  test('network scope: persons known to two organisations are counted once, after linkage', async () => {
    const south = await t.as('caseworker@south.demo.test');
    const north = await t.as('caseworker@north.demo.test');
    const grant = (purpose: string) => ({ kind: 'consent', data: { purpose, action: 'granted', language: 'en', interpreterUsed: false, recordedOn: '2026-10-01' } });
    // Two persons known in the north are also assisted in the south; both consent to deduplication everywhere.
    for (const family of ['Person 700', 'Person 701']) {
      for (const client of [north, south]) {
        const c = (await client.post('/api/cases', intake({ person: { givenName: 'Demo', familyName: family, citizenship: 'MD', sex: 'female', dateOfBirth: '1998-01-01' } }))).body;
        for (const purpose of ['anonymous_statistics', 'network_deduplication']) await client.post(`/api/cases/${c.id}/entries`, grant(purpose));
        await client.post(`/api/cases/${c.id}/entries`, { kind: 'determination_organisation', data: { outcome: 'determined', decidedBy: 'Demo team', decidedOn: '2026-10-02' } });
      }
    }
    const url = '/api/statistics/report?population=determined_victims_org&rows=all&from=2026&to=2026';
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
    for (const line of readFileSync('src/domain/mse/fixtures/western.csv', 'utf8').trim().split(/\r?\n/)) sheet.addRow(line.split(',').map((v, i, all) => (i === 0 && /[A-Za-z]/.test(v)) || /[A-Za-z]/.test(all[0]) ? v : Number(v)));
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
    expect(byOrg.body.rows).toEqual(expect.arrayContaining([{ lists: [1, 1], count: 2 }, { lists: [0, 1], count: 9 }]));
    expect(byOrg.body.csv.split('\n')[0]).toBe('Demo Outreach South,Demo Shelter North,count');
    const byChannel = (await coordinator.get('/api/mse/capture-histories?by=channel')).body;
    expect(byChannel.lists).toEqual(['hotline']);
    expect(JSON.stringify(byChannel)).not.toContain('Person 70');
    const tooFew = await coordinator.post('/api/mse', { csv: byOrg.body.csv });
    expect([tooFew.status, tooFew.body.error.code]).toEqual([400, 'too_few_lists']);
    expect((await (await t.as('caseworker@north.demo.test')).get('/api/mse/capture-histories')).status).toBe(403);
  });
});
