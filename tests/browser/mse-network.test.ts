/**
 * MSE from the network's own records in the browser (issue #21, linkage error): before any linkage run the
 * linkage-error box is off and, ticked anyway, the refusal shows at the box; after a run over cases of two
 * organisations on three identification channels, the coordinator estimates from the network's records with
 * linkage error, follows the progress, and sees the result naming its interval method and the linkage error,
 * with no name or date of birth on the page. Axe clean, and once at phone width.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createCase } from '../../src/services/cases';
import { addEntry } from '../../src/services/case-entries';
import { runNetworkLinkage } from '../../src/services/linkage';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo } from '../integration/support/dates';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const SURNAMES = [
  'Abara',
  'Bešić',
  'Cazacu',
  'Dimitrova',
  'Eze',
  'Ferreira',
  'Gashi',
  'Horvat',
  'Ionescu',
  'Jovanović',
];

/** A fictional person: distinct surname, given name and date of birth for each `n`, so only equal `n` link. */
const identity = (n: number) => ({
  givenName: `Mira${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}`,
  familyName: `${SURNAMES[n % SURNAMES.length]}${String.fromCharCode(97 + Math.floor(n / SURNAMES.length))}kova`,
  dateOfBirth: `19${70 + (n % 30)}-0${1 + (n % 9)}-${String(1 + (n % 28)).padStart(2, '0')}`,
});

/** A case of person `n` at one organisation, first met on `channel`, with consent to statistics and to linkage. */
async function caseOf(email: string, n: number, channel: string) {
  const actor = await actorOf(harness, email);
  const created = await createCase(harness.ctx, actor, {
    person: { ...identity(n), sex: 'female', citizenship: 'MD' },
    intake: { channel, contactDate: daysAgo(91), mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'low' },
  });
  for (const purpose of ['anonymous_statistics', 'network_deduplication'] as const)
    await addEntry(harness.ctx, actor, created.row.id, 'consent', {
      purpose,
      action: 'granted',
      language: 'en',
      interpreterUsed: false,
      recordedOn: daysAgo(91),
    });
}

const estimateForm = (page: Page) => page.locator('form', { has: page.getByRole('button', { name: 'Estimate' }) });

async function openNetworkSource(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'MSE' }).click();
  await page.getByLabel("The network's own records").check();
}

describe("MSE from the network's own records in the browser", () => {
  test('without a linkage run the box is off, and ticked anyway the refusal shows at it', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await openNetworkSource(page);
    const box = page.getByLabel('Include linkage error in the interval');
    await page.getByText(/No linkage run has finished yet/).waitFor();
    expect(await box.isChecked()).toBe(false);
    // No file to give: the table is the network's.
    expect(await page.getByLabel('Capture-history table').count()).toBe(0);
    await box.check();
    await estimateForm(page).getByRole('button', { name: 'Estimate' }).click();
    const refusal = page.getByTestId('mse-job-error');
    await refusal
      .getByText('No linkage run has finished: the table carries no linkage whose error could be included.')
      .waitFor({ timeout: 240_000 });
    // At the box, once.
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 600_000);

  test('with a linkage run: progress, then the result with its linkage error and interval method, no names', async () => {
    // Lists by channel: hotline (both organisations), outreach unit (North), drop-in centre (South). Persons
    // known at both organisations link, so they are on two lists.
    for (let n = 0; n < 20; n += 1) await caseOf('caseworker@north.demo.test', n, 'hotline');
    for (let n = 20; n < 32; n += 1) await caseOf('caseworker@north.demo.test', n, 'outreach_unit');
    for (const n of [0, 1, 2, 3, 4, 5, 20, 21, 22, 23, 40, 41, 42, 43, 44, 45])
      await caseOf('caseworker@south.demo.test', n, 'drop_in_centre');
    for (const n of [24, 25, 26, 50, 51, 52]) await caseOf('caseworker@south.demo.test', n, 'hotline');
    await runNetworkLinkage(harness.ctx);

    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await openNetworkSource(page);
    await page.getByText(/Latest linkage run finished on/).waitFor();
    const form = estimateForm(page);
    // On by default once a run has finished.
    const box = page.getByLabel('Include linkage error in the interval');
    await expect.poll(() => box.isChecked()).toBe(true);
    // A select's name carries its chosen option after the label's text.
    await form.getByRole('combobox', { name: /^Lists/ }).selectOption('channel');
    await form.getByRole('combobox', { name: /^Model/ }).selectOption('main');
    await form.getByLabel('Bootstrap replicates', { exact: true }).fill('400');
    expect(await form.getByRole('combobox', { name: /^Bootstrap interval/ }).isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Estimate' }).click();

    const progress = page.getByRole('progressbar', { name: 'Progress of the estimation' });
    await progress.waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: /^Estimated total: [\d,]+ persons$/ }).waitFor({ timeout: 240_000 });
    expect(await progress.count()).toBe(0);
    await page
      .getByTestId('mse-linkage-error')
      .getByText(
        /^The interval includes linkage error from run [0-9a-f-]{36}: \d+ uncertain pairs redrawn in each of 400 replicates/,
      )
      .waitFor();
    // The interval is named by its method, with linkage error and as the bootstrap's.
    await page.getByText('Interval with linkage error (percentile)').waitFor();
    await page
      .getByText(/bootstrap.*percentile/i)
      .first()
      .waitFor();
    await page
      .getByTestId('mse-linkage-interval')
      .getByText(/^[\d,]+ – [\d,]+$/)
      .waitFor();
    await page
      .getByTestId('mse-save-linkage')
      .getByText(/interval includes linkage error/)
      .waitFor();

    // Counts only: no name or date of birth of the linked persons reaches the page.
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/Mira[a-z]{2}|kova\b|19[7-9]\d-0\d-\d\d/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('mse-linkage-error').waitFor();
    // The charts redraw at the new width on their next frame: the page settles within the window.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 })
      .toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 600_000);
});
