/**
 * Structured risk, the separate identification records and minors in the browser (issue #16):
 * re-assess with the questions (the level suggested as she answers, an override asks for a reason),
 * the current level on the case header and in the case list with its filter, the authority's
 * determination, migration status, sex work and her own account each in their own card, and for a
 * minor the child-protection notice until the referral is recorded. Axe checks each step.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createCase } from '../../src/services/cases';
import { daysAgo, yearsAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function arrangeCase(familyName: string, dateOfBirth: string) {
  const actor = await actorOf(harness, 'caseworker@north.demo.test');
  return createCase(harness.ctx, actor, {
    person: { givenName: 'Demo', familyName, dateOfBirth, sex: 'female' },
    intake: { channel: 'hotline', contactDate: daysAgo(30), mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'medium' },
  });
}

const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true });

describe('risk, separate records and minors in the browser', () => {
  test('a caseworker re-assesses risk with the questions; the level shows on the case and filters the list', async () => {
    const c = await arrangeCase('Riskova 811', '1996-03-04');
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).first().waitFor();
    await page.goto(`/cases/${c.row.id}`);
    // The intake level is shown again, on the header.
    await expect.poll(() => page.getByTestId('case-risk').textContent()).toBe('Medium');

    await tab(page, 'Risk').click();
    await page.getByRole('heading', { name: 'Re-assess risk' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const question = page.getByRole('group', { name: 'Threats from the traffickers or their associates' });
    await question.getByRole('radio', { name: 'Yes', exact: true }).check();
    await page
      .getByRole('group', { name: 'A debt the person is still made to pay (debt bondage)' })
      .getByRole('radio', { name: 'No', exact: true })
      .check();
    await expect.poll(() => page.getByTestId('risk-suggested').textContent()).toBe('Suggested level: High');
    // The suggestion is the level unless she chooses another one, which asks for a reason.
    const form = page.getByRole('form', { name: 'Re-assess risk' });
    expect(await form.getByLabel('Risk level').inputValue()).toBe('high');
    await expect.poll(() => form.getByLabel(/Reason for choosing another level/).count()).toBe(0);
    await form.getByLabel('Risk level').selectOption({ label: 'Critical' });
    const reason = form.getByLabel(/Reason for choosing another level/);
    await reason.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await reason.fill('Demo reason: the exploiter was seen near the shelter');
    await form.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByRole('status').filter({ hasText: 'Risk assessment saved.' }).waitFor();
    await expect.poll(() => page.getByTestId('case-risk').textContent()).toBe('Critical');
    await expect.poll(() => page.getByTestId('risk-current').textContent()).toBe('Critical');
    const history = page.getByRole('region', { name: 'Risk assessments over time' });
    await history
      .getByText('suggested High, overridden: Demo reason: the exploiter was seen near the shelter')
      .waitFor();
    await history.getByText('level only (no questions answered)').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The case list shows the level in a column and filters by it.
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).first().click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await page.getByLabel('Risk level').selectOption({ label: 'Critical' });
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row').filter({ hasText: c.row.reference });
    await row.waitFor();
    expect(await row.getByRole('cell', { name: 'Critical', exact: true }).count()).toBe(1);
    await page.getByLabel('Risk level').selectOption({ label: 'Low' });
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: c.row.reference }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test("the authority's determination, migration status, sex work and her own account are each their own record", async () => {
    const c = await arrangeCase('Separata 812', '1993-07-08');
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).first().waitFor();
    await page.goto(`/cases/${c.row.id}/identification`);

    const authority = page.getByRole('form', { name: 'Determination by an authority' });
    await authority.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await authority.getByLabel('Outcome').selectOption({ label: 'Determined' });
    await authority.getByLabel('Authority (encrypted)').fill('Demo Prosecutor Office');
    await authority.getByRole('button', { name: "Record the authority's determination" }).click();
    await page
      .getByRole('region', { name: 'Determinations by an authority' })
      .getByText('Demo Prosecutor Office')
      .waitFor();

    const migration = page.getByRole('form', { name: 'Migration status' });
    await migration.getByLabel('Migration status').selectOption({ label: 'Asylum seeker' });
    await migration.getByRole('button', { name: 'Record the migration status' }).click();
    await page.getByRole('region', { name: 'Migration status over time' }).getByText('Asylum seeker').waitFor();

    const sexWork = page.getByRole('form', { name: 'Sex work' });
    await sexWork.getByRole('radio', { name: 'No', exact: true }).check();
    await sexWork.getByRole('button', { name: 'Record sex work' }).click();
    await page.getByRole('region', { name: 'Sex work records' }).getByText('No', { exact: true }).waitFor();

    const account = page.getByRole('form', { name: 'Own account' });
    await account.getByLabel('Account (encrypted)').fill('Demo account: I came for a job in a restaurant.');
    await account.getByRole('button', { name: 'Record the account' }).click();
    await page
      .getByRole('region', { name: 'Own accounts' })
      .getByText('Demo account: I came for a job in a restaurant.')
      .waitFor();
    // Saved, the form is empty again and says so.
    expect(await account.getByLabel('Account (encrypted)').inputValue()).toBe('');
    await account.getByRole('status').waitFor();
    // The organisation's own determination stays a separate card.
    await page.getByRole('heading', { name: "Organisation's determination", exact: false }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('a minor: guardian recorded, and the child-protection notice stays until the referral is recorded', async () => {
    const c = await arrangeCase('Minorova 813', yearsAgo(15));
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).first().waitFor();
    await page.goto(`/cases/${c.row.id}`);
    const notice = page.getByTestId('child-protection-notice').first();
    await notice.waitFor();
    await notice.getByText('Child-protection referral required:').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await notice.getByRole('link', { name: 'Record the child-protection referral' }).click();
    await page.getByRole('heading', { name: 'Guardian or legal representative' }).waitFor();

    const guardian = page.getByRole('form', { name: 'Guardian or legal representative' });
    await guardian.getByLabel('Name (encrypted)').fill('Demo Guardian Opatrovnik 5');
    await guardian.getByLabel('Role').selectOption({ label: 'Voluntary guardian' });
    await guardian.getByLabel('Contact (encrypted)').fill('demo-guardian@example.test');
    await guardian.getByRole('button', { name: 'Record the guardian' }).click();
    await page
      .getByRole('region', { name: 'Guardians and legal representatives' })
      .getByText('Demo Guardian Opatrovnik 5')
      .waitFor();
    // A guardian is not the referral: the notice is still there.
    expect(await page.getByTestId('child-protection-notice').count()).toBeGreaterThan(0);

    const age = page.getByRole('form', { name: 'Age assessment' });
    await age.getByLabel('Result').selectOption({ label: 'Minor' });
    await age.getByRole('button', { name: 'Record the age assessment' }).click();
    await page.getByRole('region', { name: 'Age assessments' }).getByText('Minor', { exact: true }).waitFor();

    const referral = page.getByRole('form', { name: 'Child-protection referral' });
    await referral.getByLabel('Authority referred to (encrypted)').fill('Demo child-protection office');
    await referral.getByRole('button', { name: 'Record the referral' }).click();
    await page
      .getByRole('region', { name: 'Child-protection referrals' })
      .getByText('Demo child-protection office')
      .waitFor();
    await expect.poll(() => page.getByTestId('child-protection-notice').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
