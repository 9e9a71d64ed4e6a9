/**
 * MSE fits as jobs on the page (issue #21): a bootstrap fit shows its progress bar and then its result; a
 * table with a region column is estimated per region, with the small regions hidden, as a chart and a table,
 * on a phone; the saved estimate shows its interval method, generator and seed in the registry. Axe clean.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

const WESTERN = readFileSync('src/domain/mse/fixtures/western.csv', 'utf8');

/** The Western table split over three regions, and a fourth region of four persons (below any floor). */
function byRegion(): string {
  const [header, ...rows] = WESTERN.trim().split('\n');
  const names = header.split(',');
  const lines = [[...names.slice(0, -1), 'region', names.at(-1)].join(',')];
  for (const row of rows) {
    const cells = row.split(',');
    const count = Number(cells.at(-1));
    const flags = cells.slice(0, -1);
    lines.push([...flags, 'north', Math.ceil(count * 0.5)].join(','));
    lines.push([...flags, 'south', Math.ceil(count * 0.3) + 1].join(','));
    lines.push([...flags, 'west', Math.ceil(count * 0.2) + 1].join(','));
  }
  lines.push('1,0,0,0,0,east,1', '1,1,0,0,0,east,1', '0,1,1,0,0,east,1', '1,0,1,0,0,east,1');
  return lines.join('\n') + '\n';
}

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('MSE jobs in the browser', () => {
  test('progress then result, strata with a chart and a table on a phone, the registry names the generator', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'MSE' }).click();
    await page.getByLabel('Capture-history table').fill(WESTERN);
    await page.getByLabel('Bootstrap replicates', { exact: true }).fill('400');
    // A table of list flags only: nothing to stratify by.
    expect(await page.getByLabel('Estimate per stratum of').count()).toBe(0);
    await page.getByRole('button', { name: 'Estimate' }).click();

    const progress = page.getByRole('progressbar', { name: 'Progress of the estimation' });
    await progress.waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Stop waiting' }).waitFor();
    await page.getByRole('heading', { name: /Estimated total: 2,483 persons/ }).waitFor({ timeout: 240_000 });
    expect(await progress.count()).toBe(0);
    await page.getByTestId('mse-bootstrap').getByText(/400/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Saved through a job as well: the registry then names how the interval was made.
    await page.getByLabel('Label', { exact: true }).fill('Western, by job');
    await page.getByLabel('Geography', { exact: true }).fill('Western region');
    await page.getByLabel('Period', { exact: true }).fill('2025');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved to the registry of estimates.').waitFor({ timeout: 240_000 });

    // Strata, at phone width.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Capture-history table').fill(byRegion());
    await page.getByLabel('Bootstrap replicates', { exact: true }).fill('0');
    await page.getByLabel('Estimate per stratum of').selectOption({ label: 'Region' });
    await page.getByRole('button', { name: 'Estimate' }).click();
    const strata = page.getByTestId('mse-strata');
    await strata.getByRole('heading', { name: 'Estimates by Region' }).waitFor({ timeout: 240_000 });
    const table = page.getByTestId('mse-strata-table');
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await row('north').getByText(/Wald/).waitFor();
    await row('south').getByText(/Wald/).waitFor();
    // east is below the floor; west, the next smallest, is hidden with it; neither shows a number.
    await row('east')
      .getByText(/^Hidden: observed on fewer than \d+ persons$/)
      .waitFor();
    await row('west').getByText('Hidden so that the hidden strata cannot be worked out from the total').waitFor();
    expect(await row('east').locator('td').count()).toBe(1);
    await strata.getByText(/^Combined total [\d,]+ \(95% interval [\d,]+ – [\d,]+\)/).waitFor();
    await strata
      .getByRole('img', { name: /^Estimate and interval for each value of Region: north: [\d,]+ / })
      .waitFor();
    await strata.locator('svg').first().waitFor();
    expect(await page.getByRole('img', { name: /west: / }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A table the job refuses: its reason shows in the error area.
    await page.getByLabel('Capture-history table').fill('A,B,C,n\n1,0,0,0x10\n0,1,0,3\n');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page
      .getByTestId('mse-job-error')
      .getByText('A count is not a whole number of at least 0.')
      .waitFor({ timeout: 240_000 });
    expect(await page.getByRole('alert').filter({ hasText: 'A count is not a whole number' }).count()).toBe(1);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('navigation').getByRole('link', { name: 'Estimates' }).click();
    const saved = page.getByRole('listitem').filter({ hasText: 'Western region' });
    await saved
      .getByTestId('estimate-interval')
      .getByText(/bias-corrected and accelerated/i)
      .waitFor();
    await saved
      .getByTestId('estimate-bootstrap')
      .getByText(/^400 bootstrap replicates, \d+ without a finite estimate .*generator xoshiro128\*\*, seed 1\.$/)
      .waitFor();
    await saved
      .getByTestId('estimate-sensitivity')
      .getByText(/^Under other choices the estimate ranges from/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  }, 600_000);
});
