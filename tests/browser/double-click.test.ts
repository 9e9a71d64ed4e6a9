/**
 * "Never twice" in the browser: every create button is double-clicked (dblclick) or clicked three
 * times at once, and exactly one record comes of it each time, counted through the API (and the
 * database where no list API exists) and seen once in the UI. The browser sends one Idempotency-Key
 * per submission; the server creates the record once and replays its answer to the repeats.
 *
 * Create buttons covered (keep this list in step with the app's create forms):
 * - New intake: "Open the case" (dblclick)
 * - Consent tab: "Record consent given" (triple click)
 * - Plan tab: "Add objective" (dblclick)
 * - Services tab: "Log service" (triple click)
 * - Notes tab: "Save note" (triple click)
 * - Outcomes tab: baseline "Save assessment" (dblclick)
 * - Referrals tab: "Send" (triple click)
 * - Incoming referral: "Log service" on the referral (dblclick)
 * - Risk tab: "Save assessment" of the re-assessment (dblclick)
 * - Minors tab: "Record the child-protection referral" (triple click), "Record the guardian" (dblclick),
 *   "Record the determination" (triple click), "Record the age assessment" (dblclick)
 * - Attachments tab: "Upload" (triple click)
 * - Users: "Create user" (triple click)
 * - Networks: "Send the invitations" of a network proposal (dblclick)
 * - Private releases: "Release" (triple click; the budget is spent once)
 * - MSE: "Save" to the registry of estimates (dblclick)
 * Also: the dashboard's count tiles and the paged agenda (axe-checked).
 * Not yet driven here: "Run linkage now" (Linkage page; it needs the network secret stored first) and the
 * identification tab's separate records (authority's determination, migration status, sex work, own
 * account), which save through the same useCreateEntry hook as the risk and minors forms above.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createCase } from '../../src/services/cases';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo, yearsAgo } from '../integration/support/dates';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

type Mode = 'dblclick' | 'triple';

/** Double-clicks, or fires three clicks in one task (faster than any re-render can disable the button). */
async function hammer(button: Locator, mode: Mode): Promise<void> {
  if (mode === 'dblclick') await button.dblclick();
  else
    await button.evaluate((el) => {
      for (let i = 0; i < 3; i += 1) (el as HTMLElement).click();
    });
}

async function count(query: ReturnType<typeof sql<{ n: string }>>): Promise<number> {
  return Number((await query.execute(harness.ctx.db.system)).rows[0]!.n);
}

async function entriesOf(page: Page, caseId: string, kind: string): Promise<number> {
  const res = await page.request.get(`/api/cases/${caseId}/entries?kind=${kind}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { entries: unknown[] }).entries.length;
}

/** Settles: no request in flight and the count has stopped moving (a second record would show by then). */
async function settled(read: () => Promise<number>): Promise<number> {
  let last = await read();
  for (let i = 0; i < 6; i += 1) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await read();
    if (now === last && i >= 2) return now;
    last = now;
  }
  return last;
}

describe('never twice: every create button, double- and triple-clicked, makes one record', () => {
  test('a caseworker’s create buttons on a case', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();

    // New intake: "Open the case", double-clicked.
    const cases = () => count(sql<{ n: string }>`SELECT count(*) AS n FROM cases`);
    const casesBefore = await cases();
    await page.goto('/cases/new');
    await page.getByLabel('Given name').fill('Demo');
    await page.getByLabel('Family name').fill('Person 970');
    await page.getByLabel('Identification channel').selectOption({ label: 'Hotline' });
    await page.getByLabel('Date of first contact').fill(daysAgo(20));
    await page.getByLabel('Safety risk').selectOption({ label: 'Medium' });
    await hammer(page.getByRole('button', { name: 'Open the case' }), 'dblclick');
    await page.getByRole('heading', { name: /Demo Person 970/, level: 1 }).waitFor();
    expect(await settled(cases)).toBe(casesBefore + 1);
    const caseId = /\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // Consent: "Record consent given", three clicks at once.
    await page.getByRole('link', { name: 'Consent' }).click();
    await page.getByLabel('Purpose').selectOption({ label: 'Sharing with a named partner for referral' });
    await page.getByLabel('Partner organisation').selectOption({ label: 'Demo Outreach South' });
    await page.getByLabel('Language of the explanation').fill('en');
    await hammer(page.getByRole('button', { name: 'Record consent given' }), 'triple');
    await page.getByRole('status').filter({ hasText: 'Consent recorded.' }).waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'consent'))).toBe(1);

    // Plan: "Add objective", double-clicked; the objective is listed once.
    await page.getByRole('link', { name: 'Plan' }).click();
    await page.getByLabel('Objective', { exact: true }).fill('Health check-up 970');
    await hammer(page.getByRole('button', { name: 'Add objective' }).first(), 'dblclick');
    await page.getByText('Health check-up 970 · open').waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'objective'))).toBe(1);
    expect(await page.getByText('Health check-up 970 · open').count()).toBe(1);

    // Services: "Log service", three clicks at once.
    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByRole('combobox', { name: /^Service/ }).selectOption({ label: 'Psychological counselling' });
    await hammer(page.getByRole('button', { name: 'Log service' }).first(), 'triple');
    await page.getByRole('region', { name: 'Services delivered' }).getByText('Psychological counselling').waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'service'))).toBe(1);
    expect(
      await page.getByRole('region', { name: 'Services delivered' }).getByText('Psychological counselling').count(),
    ).toBe(1);

    // Notes: "Save note", three clicks at once.
    await page.goto(`/cases/${caseId}/notes`);
    await page.locator('textarea[name="noteText"]').fill('Demo note 970: met at the shelter');
    await hammer(page.getByRole('button', { name: 'Save note' }), 'triple');
    await page.getByRole('status').filter({ hasText: 'The note was saved.' }).waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'note'))).toBe(1);

    // Outcomes: the baseline's "Save assessment", double-clicked.
    await page.getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('heading', { name: 'Record the baseline assessment' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill(daysAgo(19));
    await page.getByLabel('Self-esteem and self-cohesion').selectOption('1');
    await hammer(page.getByRole('button', { name: 'Save assessment' }), 'dblclick');
    await page.getByRole('heading', { name: 'Record a follow-up assessment' }).waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'outcome_assessment'))).toBe(1);

    // Referrals: "Send", three clicks at once.
    const referrals = () =>
      count(sql<{ n: string }>`SELECT count(*) AS n FROM referrals WHERE from_case_id = ${caseId}`);
    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Referrals' }).click();
    const partner = page.getByLabel('Partner organisation');
    const service = page.getByLabel('Requested service');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await partner.selectOption({ label: 'Demo Outreach South' });
      await service.selectOption({ label: 'Legal counselling' });
      await page.waitForTimeout(200);
      if ((await partner.inputValue()) && (await service.inputValue())) break;
    }
    await hammer(page.getByRole('button', { name: 'Send' }), 'triple');
    await page.getByRole('status').filter({ hasText: 'Sent.' }).waitFor();
    expect(await settled(referrals)).toBe(1);
    const listed = await page.request.get('/api/referrals');
    expect(listed.status()).toBe(200);
    expect(
      ((await listed.json()) as { referrals: { caseId?: string; fromCaseId?: string; id: string }[] }).referrals.length,
    ).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    // The partner logs a service on the incoming referral: "Log service", double-clicked.
    const south = await harness.newPage();
    await logIn(south.page, 'caseworker@south.demo.test');
    await south.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const referralId = (
      await sql<{ id: string }>`SELECT id FROM referrals WHERE from_case_id = ${caseId}`.execute(harness.ctx.db.system)
    ).rows[0]!.id;
    await south.page.goto(`/referrals/${referralId}`);
    await south.page.getByRole('button', { name: 'Accept' }).click();
    const notes = () =>
      count(sql<{ n: string }>`SELECT count(*) AS n FROM referral_notes WHERE referral_id = ${referralId}`);
    const notesBefore = await notes();
    await south.page.getByRole('combobox', { name: /^Service/ }).selectOption({ label: 'Legal counselling' });
    await hammer(south.page.getByRole('button', { name: 'Log service' }), 'dblclick');
    expect(await settled(notes)).toBe(notesBefore + 1);
    await south.context.close();
  });

  test('a caseworker’s risk re-assessment, minors’ records and attachment upload', async () => {
    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    const c = await createCase(harness.ctx, actor, {
      person: { givenName: 'Demo', familyName: 'Minor 971', dateOfBirth: yearsAgo(15), sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(10), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'medium' },
    });
    const caseId = c.row.id;
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();

    // Risk: the re-assessment's "Save assessment", double-clicked.
    const risksBefore = await entriesOf(page, caseId, 'risk_assessment');
    await page.goto(`/cases/${caseId}/risk`);
    const reassess = page.getByRole('form', { name: 'Re-assess risk' });
    await reassess.getByLabel('Risk level').selectOption({ label: 'High' });
    await hammer(reassess.getByRole('button', { name: 'Save assessment' }), 'dblclick');
    await page.getByRole('status').filter({ hasText: 'Risk assessment saved.' }).waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'risk_assessment'))).toBe(risksBefore + 1);

    // Minors: each record's button, double-clicked or three clicks at once.
    await page.goto(`/cases/${caseId}/minors`);
    const referral = page.getByRole('form', { name: 'Child-protection referral' });
    await referral.getByLabel('Authority referred to (encrypted)').fill('Demo Child Protection Office 971');
    await hammer(referral.getByRole('button', { name: 'Record the referral' }), 'triple');
    await page
      .getByRole('region', { name: 'Child-protection referrals' })
      .getByText('Demo Child Protection Office 971')
      .first()
      .waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'child_protection_referral'))).toBe(1);

    const guardian = page.getByRole('form', { name: 'Guardian or legal representative' });
    await guardian.getByLabel('Name (encrypted)').fill('Demo Guardian 971');
    await hammer(guardian.getByRole('button', { name: 'Record the guardian' }), 'dblclick');
    await page
      .getByRole('region', { name: 'Guardians and legal representatives' })
      .getByText('Demo Guardian 971')
      .first()
      .waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'guardian'))).toBe(1);

    const bid = page.getByRole('form', { name: 'Best-interests determination' });
    await bid.getByLabel('Decided by (encrypted)').fill('Demo Panel 971');
    await hammer(bid.getByRole('button', { name: 'Record the determination' }), 'triple');
    await page
      .getByRole('region', { name: 'Best-interests determinations' })
      .getByText(/Demo Panel 971/)
      .first()
      .waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'best_interests_determination'))).toBe(1);

    const age = page.getByRole('form', { name: 'Age assessment' });
    await age.getByLabel('Assessed by (encrypted)').fill('Demo Assessor 971');
    await hammer(age.getByRole('button', { name: 'Record the age assessment' }), 'dblclick');
    await page
      .getByRole('region', { name: 'Age assessments' })
      .getByText(/Demo Assessor 971/)
      .first()
      .waitFor();
    expect(await settled(() => entriesOf(page, caseId, 'age_assessment'))).toBe(1);

    // Attachments: "Upload", three clicks at once.
    const attachments = async () => {
      const res = await page.request.get(`/api/cases/${caseId}/attachments`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { attachments: unknown[] }).attachments.length;
    };
    await page.goto(`/cases/${caseId}/attachments`);
    await page.getByRole('heading', { name: 'Attach a file' }).waitFor();
    await page.getByRole('combobox', { name: /^Category/ }).selectOption({ label: 'Legal document' });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'judgment 971.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await hammer(page.getByRole('button', { name: 'Upload' }), 'triple');
    await page.getByRole('status').filter({ hasText: 'judgment 971.pdf was attached.' }).waitFor();
    expect(await settled(attachments)).toBe(1);
    expect(await page.getByTestId('attachments').locator(':scope > li').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('an administrator’s "Create user", three clicks at once', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const users = () =>
      count(sql<{ n: string }>`SELECT count(*) AS n FROM users WHERE email = 'staff970@north.demo.test'`);
    await page.getByLabel('Name').fill('Demo Staff 970');
    await page.getByLabel('Email').fill('staff970@north.demo.test');
    await page.getByLabel('Initial password').fill('a-long-demo-password-970');
    await page.getByRole('checkbox', { name: 'Mediator' }).check();
    await hammer(page.getByRole('button', { name: 'Create user' }), 'triple');
    await page.getByRole('status').filter({ hasText: 'User created.' }).waitFor();
    expect(await settled(users)).toBe(1);
    // No error beside the success: the repeats were answered with the same result, not a conflict.
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('cell', { name: 'staff970@north.demo.test' }).waitFor();
    expect(await page.getByRole('cell', { name: 'staff970@north.demo.test' }).count()).toBe(1);
    await context.close();
  });

  test('an administrator’s network proposal, double-clicked', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const networks = () => count(sql<{ n: string }>`SELECT count(*) AS n FROM networks WHERE name = 'Demo Table 972'`);
    await page.goto('/networks');
    await page.getByRole('heading', { name: 'Networks and agreements', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Demo Table 972');
    await page.getByRole('checkbox', { name: 'Demo Outreach South' }).check();
    await page.getByRole('checkbox', { name: 'Demo Legal Aid East' }).check();
    await hammer(page.getByRole('button', { name: 'Send the invitations' }), 'dblclick');
    await page.getByText(/Network proposed/).waitFor();
    expect(await settled(networks)).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('article', { name: 'Demo Table 972' }).waitFor();
    expect(await page.getByRole('article', { name: 'Demo Table 972' }).count()).toBe(1);
    await context.close();
  });

  test('a coordinator’s private release (three clicks at once) and MSE "Save" (double-clicked)', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();

    // Private releases: "Release", three clicks at once; the budget is spent once.
    const releases = () => count(sql<{ n: string }>`SELECT count(*) AS n FROM privacy_releases`);
    const releasesBefore = await releases();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Private releases' })
      .click();
    await page.getByRole('heading', { name: 'Private network releases', level: 1 }).waitFor();
    await page.getByText('Spent 0 of 3; 3 remaining').waitFor();
    await page.getByRole('combobox', { name: /^Rows/ }).selectOption('sex');
    await page.getByLabel('Epsilon of this release').fill('0.5');
    await hammer(page.getByRole('button', { name: 'Release' }), 'triple');
    await page.getByText('New release: epsilon 0.5 spent from the network budget.').waitFor();
    expect(await settled(releases)).toBe(releasesBefore + 1);
    await page.getByText('Spent 0.5 of 3; 2.5 remaining').waitFor();

    // MSE: the estimate's "Save" to the registry, double-clicked.
    const estimates = () => count(sql<{ n: string }>`SELECT count(*) AS n FROM estimates`);
    const estimatesBefore = await estimates();
    await page.getByRole('navigation').getByRole('link', { name: 'MSE' }).click();
    await page.getByLabel('Capture-history table').fill(readFileSync('src/domain/mse/fixtures/western.csv', 'utf8'));
    await page.getByLabel('Bootstrap replicates').fill('0');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByRole('heading', { name: /Estimated total/ }).waitFor();
    const registry = page.getByRole('form', { name: 'Save to the registry' });
    await registry.getByLabel('Label').fill('Demo estimate 973');
    await registry.getByLabel('Geography').fill('Demo region');
    await registry.getByLabel('Period').fill('2025');
    await hammer(registry.getByRole('button', { name: 'Save', exact: true }), 'dblclick');
    await page.getByRole('status').filter({ hasText: 'Saved to the registry of estimates.' }).waitFor();
    expect(await settled(estimates)).toBe(estimatesBefore + 1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('the dashboard shows the count tiles and pages through the agenda', async () => {
    // Arranged through the services: twelve new cases, each asking for its baseline assessment.
    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    for (let i = 0; i < 12; i += 1)
      await createCase(harness.ctx, actor, {
        person: { givenName: 'Demo', familyName: `Agenda ${980 + i}`, sex: 'female' },
        intake: { channel: 'hotline', contactDate: daysAgo(5 + i), mediatorUsed: false, immediateNeeds: [] },
        risk: { level: i % 3 === 0 ? 'high' : 'medium' },
      });
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const res = await page.request.get('/api/dashboard');
    const d = (await res.json()) as Record<string, number>;
    const tiles = page.locator('.tiles');
    for (const [key, value] of Object.entries({ openCases: d.openCases, overdue: d.overdue, highRisk: d.highRisk }))
      await expect.poll(() => tiles.locator(`[data-tile="${key}"] dd`).textContent()).toBe(String(value));
    await page.getByRole('region', { name: 'At a glance' }).getByText('My open cases').waitFor();
    const agenda = page.getByRole('region', { name: 'Agenda' });
    const page1 = (await (await page.request.get('/api/agenda?limit=10')).json()) as { total: number };
    await agenda
      .getByRole('status')
      .filter({ hasText: `of ${page1.total}` })
      .waitFor();
    expect(page1.total).toBeGreaterThan(10);
    expect(await agenda.getByRole('listitem').count()).toBe(10);
    await agenda.getByRole('button', { name: 'Next' }).click();
    await agenda.getByRole('status').filter({ hasText: `11–` }).waitFor();
    expect(await agenda.getByRole('listitem').count()).toBe(Math.min(10, page1.total - 10));
    await agenda.getByText('Baseline assessment').first().waitFor();
    await agenda.getByRole('button', { name: /^Overdue/ }).click();
    expect(await agenda.getByRole('button', { name: /^Overdue/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
