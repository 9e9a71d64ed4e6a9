/** MSE diagnostics in the browser at phone width (issue #21): residuals, influence, small overlaps, the bootstrap histogram and model-selection frequencies, each chart with its table; axe clean. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('MSE diagnostics in the browser', () => {
  test('charts with their data tables, on a phone', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'MSE' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Capture-history table').fill(readFileSync('src/domain/mse/fixtures/western.csv', 'utf8'));
    await page.getByLabel('Bootstrap replicates').fill('30');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByRole('heading', { name: 'Diagnostics of the fit' }).waitFor({ timeout: 120_000 });
    const section = page.getByTestId('mse-diagnostics');
    await section
      .getByRole('img', { name: /^Observed against fitted persons for each of the 31 combinations/ })
      .waitFor();
    await section.getByRole('img', { name: /^Cook's distance of each combination/ }).waitFor();
    await section.getByRole('img', { name: /^Histogram of \d+ bootstrap estimates/ }).waitFor();
    await section.locator('svg').first().waitFor();
    expect(await page.getByTestId('mse-diagnostics-cells').locator('tbody tr').count()).toBe(30);
    expect(await page.getByTestId('mse-diagnostics-pairs').locator('tbody tr').count()).toBe(10);
    await page.getByTestId('mse-diagnostics-lists').getByRole('rowheader', { name: 'A', exact: true }).waitFor();
    await page
      .getByTestId('mse-small-pairs')
      .getByText(/A:B \(0\)/)
      .waitFor();
    await page.getByText(/Resamples drawn by xoshiro128\*\* from seed/).waitFor();
    expect(await page.getByTestId('mse-selections').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 300_000);
});
