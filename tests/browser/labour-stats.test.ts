/**
 * Labour-market outcomes in the browser (issue #19): her economic facts on the outcome page against
 * her baseline; the cohort page's labour figures and charts for a coordinator; the network report's
 * placement figures with small cells hidden. axe on every screen.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addEntry } from '../../src/services/case-entries';
import { createCase } from '../../src/services/cases';
import type { EntryKind } from '../../src/domain/cases/entries';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo } from '../integration/support/dates';

let harness: Harness;
let firstCase: string;

beforeAll(async () => {
  harness = await startHarness();
  const actor = await actorOf(harness, 'caseworker@north.demo.test');
  const employerId = randomUUID();
  await sql`
    INSERT INTO employers (organisation_id, id, name, sector, territory_level, territory, shared_with_networks)
    VALUES (${actor.organisationId}, ${employerId}, 'Demo Employer Labour', 'hospitality', 'nuts3', 'SK010', true)`.execute(
    harness.ctx.db.system,
  );
  for (let i = 0; i < 5; i += 1) {
    const c = await createCase(harness.ctx, actor, {
      person: { givenName: 'Demo', familyName: `Labour ${960 + i}`, dateOfBirth: '1996-02-03', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(540), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'low' },
    });
    if (i === 0) firstCase = c.row.id;
    const add = (kind: EntryKind, data: Record<string, unknown>) => addEntry(harness.ctx, actor, c.row.id, kind, data);
    await add('consent', {
      purpose: 'anonymous_statistics',
      action: 'granted',
      language: 'en',
      interpreterUsed: false,
      recordedOn: daysAgo(535),
    });
    await add('guidance_session', { date: daysAgo(530), provider: 'own', attended: true });
    await add('internship', {
      employerId,
      startOn: daysAgo(490),
      endOn: daysAgo(430),
      hoursPerWeek: 30,
      pay: { kind: 'grant', monthlyAmount: 400, currency: 'EUR' },
      insurancePaidBy: 'organisation',
      costToOrganisation: 1000,
      status: 'completed',
    });
    const placement = await add('job_placement', { employerId, contractType: 'fixed_term', startOn: daysAgo(420) });
    await add('job_follow_up', { placementId: placement.id, date: daysAgo(20), stillInWork: 'yes' });
  }
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

describe('labour-market outcomes in the browser', () => {
  test('the outcome page shows her economic facts on her continuum, against her baseline', async () => {
    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    const { model } = (await import('../../src/services/outcomes')).outcomeModel();
    const economic = model.elements.find((e) => e.dimension === 'economic')!.code;
    for (const [date, score] of [
      [daysAgo(535), 1],
      [daysAgo(300), 2],
    ] as const)
      await addEntry(harness.ctx, actor, firstCase, 'outcome_assessment', {
        date,
        scores: [{ element: economic, score, source: 'own_view' }],
      });
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${firstCase}`);
    await page.getByRole('link', { name: 'Outcomes' }).click();
    const facts = page.getByRole('region', { name: 'Work and training, against her baseline' });
    await facts.getByText(/Internship started · 45 days after her baseline/).waitFor();
    await facts.getByText(/Job started · 115 days after her baseline/).waitFor();
    // The economic dimension's chart carries the facts as markers.
    await page.getByRole('img', { name: /Economic.*Job started/ }).waitFor();
    // Facts, never a failure: no flag, no alert.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await facts.getByText(/hard failure|exploitation/i).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('the cohort page shows the labour figures and charts; the network report hides small cells', async () => {
    const { context, page } = await harness.newPage({ width: 1366, height: 900 });
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto('/outcomes');
    await page.getByRole('heading', { name: 'Labour-market insertion' }).waitFor();
    await page.getByRole('img', { name: /Bar chart of persons per stage/ }).waitFor();
    await page.getByRole('img', { name: /Bar chart of the share still in work/ }).waitFor();
    await expect.poll(() => page.getByTestId('labour-stage-placed').textContent()).toBe('5');
    expect(await page.getByTestId('labour-in-work-12').textContent()).toBe('5');
    await page
      .getByTestId('labour-cost')
      .getByText(/5,000 in all for 5 internships/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The network report: the same placements across members, hidden below a raised threshold.
    await page.getByLabel('Scope').selectOption('network');
    await expect.poll(() => page.getByTestId('labour-stage-placed').textContent()).toBe('5');
    await page.getByLabel('Smallest cell shown').selectOption('10');
    await expect.poll(() => page.getByTestId('labour-stage-placed').textContent()).toBe('suppressed');
    await page.getByText('The number of persons counted is withheld: it is a small cell.').count();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
