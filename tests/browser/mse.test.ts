/** The MSE workbench in the browser (issue #21): the sensitivity curve, the competing models, the UpSet chart, two lists. */
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

describe('MSE workbench in the browser', () => {
  test('sensitivity curve, model table, UpSet chart; two lists state their caveat', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'MSE' }).click();
    await page.getByLabel('Capture-history table').fill(readFileSync('src/domain/mse/fixtures/western.csv', 'utf8'));
    await page.getByLabel('Bootstrap replicates').fill('0');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByRole('heading', { name: /Estimated total: 2,483 persons/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Sensitivity of the estimate' }).waitFor();
    await page.getByRole('img', { name: /^Estimate against the stepwise threshold/ }).waitFor();
    await page.locator('[data-testid="mse-sensitivity"] svg').first().waitFor();
    expect(await page.getByTestId('mse-models').locator('tbody tr').count()).toBeGreaterThan(3);
    await page.getByRole('rowheader', { name: 'Without A' }).waitFor();
    await page.getByRole('rowheader', { name: 'A and B as one list' }).waitFor();
    await page.getByText(/Model average with AIC weights: [\d,]+ \(95% interval [\d,]+ – [\d,]+\)/).waitFor();
    await page.getByRole('img', { name: /^Persons per combination of lists: / }).waitFor();
    await page.locator('[data-testid="mse-upset"] svg').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Capture-history table').fill('A,B,count\n1,0,40\n0,1,30\n1,1,10\n');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByRole('heading', { name: /Estimated total: 189 persons/ }).waitFor();
    await page
      .getByTestId('mse-caveats')
      .getByText(/does not change the chance of being on the other/)
      .waitFor();
    await page.getByText(/Lincoln–Petersen estimate 200; Chapman estimate \(reported\) 189/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await context.close();
  }, 240_000);
});
