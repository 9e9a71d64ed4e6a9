/** Finding a case in the browser: partial and misspelt names, the no-match message, page numbers, and the duplicate warning while typing an intake. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCase } from '../../src/services/cases';
import { daysAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;

async function openIntake(page: Page) {
  await logIn(page, 'caseworker@north.demo.test');
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  await page.goto('/cases/new');
  await page.getByLabel('Given name').waitFor();
}
let jana: { reference: string; id: string };

async function arrange(givenName: string, familyName: string, dateOfBirth?: string) {
  const actor = await actorOf(harness, 'caseworker@north.demo.test');
  const c = await createCase(harness.ctx, actor, {
    person: { givenName, familyName, dateOfBirth, sex: 'female' },
    intake: { channel: 'hotline', contactDate: daysAgo(30), mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'medium' },
  });
  return { reference: c.row.reference, id: c.row.id };
}

beforeAll(async () => {
  harness = await startHarness();
  jana = await arrange('Jana', 'Nováková', '1990-05-05');
  // 30 persons sharing a family name: two pages of 25.
  for (let i = 0; i < 30; i++) await arrange(`Demo${String.fromCharCode(97 + (i % 26))}${i}`, 'Paginová');
});
afterAll(async () => {
  await harness?.close();
});

describe('search in the browser', () => {
  test('a partial, misspelt name finds her; a name nobody has says so', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();

    await page.getByLabel('Name or case reference').fill('jan novák');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('cell', { name: 'Jana Nováková' }).waitFor();
    await page.getByLabel('Name or case reference').fill('Yana Nowakowa');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: '1 case' }).waitFor();
    await page.getByRole('cell', { name: 'Jana Nováková' }).waitFor();
    expect(await page.getByRole('link', { name: jana.reference }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // By the start of her case reference.
    await page.getByLabel('Name or case reference').fill(jana.reference.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: '1 case' }).waitFor();
    await page.getByRole('link', { name: jana.reference }).waitFor();

    await page.getByLabel('Name or case reference').fill('Zzyzx Qwrtp');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: 'No case matches this search' }).waitFor();
    expect(await page.getByRole('cell').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('page numbers move through the results, sorted by reference', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByLabel('Name or case reference').fill('pagin');
    await page.getByLabel('Sort by').selectOption({ label: 'Case reference' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: '30 cases' }).waitFor();
    const pages = page.getByRole('navigation', { name: 'Pages of results' });
    await pages.getByText('Page 1 of 2').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(25);
    const firstPage = await page.locator('tbody tr td:first-child').allTextContents();
    expect(firstPage).toEqual([...firstPage].sort());
    await pages.getByRole('button', { name: 'Page 2' }).click();
    await pages.getByText('Page 2 of 2').waitFor();
    expect(await pages.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 5);
    const secondPage = await page.locator('tbody tr td:first-child').allTextContents();
    expect(secondPage[0] > firstPage[24]).toBe(true);
    expect(await pages.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('while she types an intake, a possible duplicate is shown with a link to the existing case', async () => {
    const { context, page } = await harness.newPage({ width: 375, height: 800 });
    await openIntake(page);
    await page.getByLabel('Given name').fill('Yana');
    await page.getByLabel('Family name').fill('Nowakowa');
    await page.getByRole('heading', { name: 'This person may already be known here' }).waitFor();
    await page.getByText('Similar name', { exact: true }).waitFor();
    // Her date of birth makes it a stronger match.
    await page.getByLabel('Date of birth').fill('1990-05-05');
    await page.getByText('Very similar', { exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Leaving the typed intake asks first; she accepts and the existing case opens.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('link', { name: `Open case ${jana.reference}` }).click();
    await page.waitForURL(`**/cases/${jana.id}`);
    await context.close();
  });

  test('a new name raises no warning', async () => {
    const { context, page } = await harness.newPage();
    await openIntake(page);
    await page.getByLabel('Given name').fill('Quirina');
    await page.getByLabel('Family name').fill('Zblocka');
    // Long enough for the debounce and the request to have answered.
    await page.waitForResponse((r) => r.url().includes('/api/cases/possible-matches'));
    await page.waitForTimeout(300);
    expect(await page.getByRole('heading', { name: 'This person may already be known here' }).count()).toBe(0);
    await context.close();
  });
});
