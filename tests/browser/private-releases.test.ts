/** Differentially private releases in the browser: the budget spent once, the same numbers served again for free, the ledger, and the lead setting the budget; laptop and phone. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('private network releases in the browser', () => {
  test('a coordinator releases noisy counts once, gets the same numbers again without spending, and sees the ledger', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Private releases' })
      .click();
    await page.getByRole('heading', { name: 'Private network releases', level: 1 }).waitFor();
    await page.getByText('Spent 0 of 3; 3 remaining').waitFor();

    await page.getByRole('combobox', { name: /^Rows/ }).selectOption('sex');
    await page.getByLabel('Epsilon of this release').fill('0.5');
    await page.getByRole('button', { name: 'Release' }).click();
    await page.getByText('New release: epsilon 0.5 spent from the network budget.').waitFor();
    await page.getByText(/Differential privacy: two-sided geometric noise with epsilon 0.5/).waitFor();
    const firstTable = await page.getByRole('region', { name: /table/i }).textContent();
    await page.getByText('Spent 0.5 of 3; 2.5 remaining').waitFor();

    await page.getByRole('button', { name: 'Release' }).click();
    await page.getByText('Served from storage: the same numbers as before; no budget spent.').waitFor();
    expect(await page.getByRole('region', { name: /table/i }).textContent()).toBe(firstTable);
    await page.getByText('Spent 0.5 of 3; 2.5 remaining').waitFor();
    const ledger = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Requested by' }) });
    expect(await ledger.getByRole('row').count()).toBe(2);
    expect(await ledger.textContent()).toMatch(/Demo Shelter North/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    // The lead organisation's administrator, on a phone, raises the budget.
    const lead = await harness.newPage({ width: 375, height: 800 });
    await logIn(lead.page, 'admin@north.demo.test');
    await lead.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await lead.page.goto('/private-releases');
    await lead.page.getByText('Spent 0.5 of 3; 2.5 remaining').waitFor();
    await lead.page.getByLabel('Total epsilon').fill('4');
    await lead.page.getByRole('button', { name: 'Save the budget' }).click();
    await lead.page.getByText('Spent 0.5 of 4; 3.5 remaining').waitFor();
    expect(await seriousA11yViolations(lead.page)).toEqual([]);
    await lead.context.close();
  });
});
