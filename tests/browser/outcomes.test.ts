/** Outcomes in the browser: interview → proposed scores → assessment, events and factors, follow-up opt-out; the cohort report for a coordinator. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo } from '../integration/support/dates';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('outcomes in the browser', () => {
  test('a caseworker records a baseline, a follow-up from the interview, events, factors and her follow-up choice', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto('/cases/new');
    await page.getByLabel('Given name').fill('Demo');
    await page.getByLabel('Family name').fill('Person 952');
    await page.getByLabel('Identification channel').selectOption({ label: 'Outreach unit' });
    await page.getByLabel('Date of first contact').fill(daysAgo(325));
    await page.getByLabel('Safety risk').selectOption({ label: 'Low' });
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: /Demo Person 952/, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Outcomes' }).click();

    // Baseline, with the anchored meaning of each level at hand.
    await page.getByRole('heading', { name: 'Record the baseline assessment' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill(daysAgo(303));
    await page.getByLabel('A place to live').selectOption('1');
    await page.getByLabel('Self-esteem and self-cohesion').selectOption('2');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByRole('heading', { name: 'Record a follow-up assessment' }).waitFor();

    // The interview proposes a score, traced to the answer behind it.
    await page.getByRole('button', { name: 'Interview' }).click();
    await page.getByLabel('Accommodation: how far does it meet your need? (0–4) (required)').selectOption('4');
    await page.getByRole('button', { name: 'Propose scores from the answers' }).click();
    const trace = page.getByRole('region', { name: 'Which answers informed which score' });
    await trace.getByRole('row', { name: /A place to live/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Use these scores for a new assessment' }).click();
    await page.getByText(/Scores proposed from the interview/).waitFor();
    await expect.poll(() => page.getByLabel('A place to live').inputValue()).toBe('4');
    await page.getByLabel('Date', { exact: true }).fill(daysAgo(122));
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText(new RegExp(`${daysAgo(122)}: progress on Economic`)).waitFor();

    // Revising the baseline keeps the earlier version.
    // Dates are shown in the reader's language (src/web/i18n/dates.ts): "Feb 1, 2026" in English.
    const shown = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${daysAgo(303)}T00:00:00Z`),
    );
    await page.getByRole('button', { name: `Revise ${shown}` }).click();
    await page.getByLabel('A place to live').selectOption('0');
    await page.getByLabel('Why is it corrected?').fill('Scored from the wrong visit');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByRole('region', { name: 'Assessments' }).getByText('version 2').waitFor();

    // A turning point and a factor; unemployment is recorded without any failure flag.
    await page.getByRole('button', { name: 'Events' }).click();
    await page.getByLabel('What happened').selectOption({ label: 'Started a job' });
    await page.getByLabel('When').fill(daysAgo(153));
    await page.getByRole('button', { name: 'Record the event' }).click();
    await page.getByRole('region', { name: 'Events and turning points' }).getByText('Started a job').waitFor();
    await page.getByRole('combobox', { name: /^Circumstance/ }).selectOption({ label: 'Unemployment' });
    await page.getByRole('button', { name: 'Record the circumstance' }).click();
    await page.getByRole('region', { name: 'Circumstances' }).getByText('Unemployment').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.getByRole('button', { name: 'Factors' }).click();
    await page
      .getByRole('combobox', { name: /^Factor/ })
      .selectOption({ label: 'Relationship of trust with a service provider' });
    await page.getByRole('button', { name: 'Record the factor' }).click();
    await page
      .getByRole('region', { name: 'Influencing factors' })
      .getByText(/Relationship of trust/)
      .waitFor();

    // She opts out: the schedule stops and no follow-up can be scheduled.
    await page.getByRole('button', { name: 'Follow-up' }).click();
    await page.getByRole('button', { name: 'Record opt-out' }).click();
    await page.getByText(/The person opted out of follow-up/).waitFor();
    expect(await page.getByRole('heading', { name: 'Schedule a follow-up' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The same choice as her consent to follow-up contact: the consent tab shows it withdrawn.
    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Consent' }).click();
    await page.getByText('Follow-up contact: withdrawn').waitFor();

    // As her case owner, the caseworker sees who opened the case: actions and field names, no content.
    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Access log' }).click();
    const log = page.getByRole('region', { name: 'Access log' });
    await log.getByText('Added a record: follow-up').first().waitFor();
    expect(await log.getByText('Demo Person 952').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('a coordinator sees the cohort with small cells hidden, on a phone, and can download it', async () => {
    const { context, page } = await harness.newPage({ width: 375, height: 800 });
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto('/outcomes');
    await page.getByRole('heading', { name: 'Outcomes of the cohort', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Share with progress, by time since intake' }).waitFor();
    await page.getByRole('img', { name: /Share of persons with progress/ }).waitFor();
    expect(await page.getByText('suppressed').count()).toBeGreaterThan(0);
    const csv = page.getByRole('link', { name: 'Download CSV' });
    expect(await csv.getAttribute('href')).toContain('format=csv');
    await page.getByLabel('Scope').selectOption('network');
    await page.getByRole('heading', { name: 'Days from intake to each milestone' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
