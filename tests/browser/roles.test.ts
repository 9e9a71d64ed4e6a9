/** The roles and profiles catalogue in the browser: role cards, a local role mapped to the shared taxonomy, staff mapped to it, network coverage; laptop and phone. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('roles and profiles in the browser', () => {
  test('an administrator adds a local role, maps a caseworker to it, and partners see only the count', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('heading', { name: 'Roles and profiles', level: 1 }).waitFor();

    await page.getByText('Threshold operator (receptionist)').click();
    await page.getByText('Discreet reception of victims', { exact: false }).waitFor();
    expect(await page.getByRole('term').filter({ hasText: 'Methods of intervention' }).count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add a local role' }).click();
    const form = page.getByRole('form', { name: 'Add a local role' });
    await form.getByLabel('Code (lower-case letters, digits and _)').fill('lifefriend');
    await form.getByRole('combobox', { name: /^Shared role it corresponds to/ }).selectOption('programme_delegate');
    await form.getByLabel('Name in English').fill('LIFEfriend operator');
    await form.getByLabel('Name in Italiano').fill('Operatrice LIFEfriend');
    await form.getByRole('checkbox', { name: 'Social worker' }).check();
    await form.getByLabel('Concrete tasks (en)').fill('Accompanies the person from first contact to closure');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('LIFEfriend operator').click();
    await page.getByText('Shared role: Social operator, programme delegate').first().waitFor();
    await page.getByText('Accompanies the person from first contact to closure').waitFor();

    await page.getByRole('button', { name: 'Roles and profiles of Demo Caseworker North' }).click();
    const staffForm = page.getByRole('form', { name: 'Roles and profiles of Demo Caseworker North' });
    await staffForm
      .getByRole('group', { name: 'Roles' })
      .getByRole('checkbox', { name: 'LIFEfriend operator' })
      .check();
    await staffForm.getByRole('group', { name: 'Roles' }).getByRole('checkbox', { name: 'Cultural mediator' }).check();
    await staffForm.getByRole('group', { name: 'Profiles' }).getByRole('checkbox', { name: 'Social worker' }).check();
    await staffForm.getByRole('button', { name: 'Save' }).click();
    await staffForm.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /Demo Caseworker North/ });
    const held = await row.textContent();
    expect(held).toMatch(/LIFEfriend operator/);
    expect(held).toMatch(/Cultural mediator/);
    const coverage = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Demo Shelter North' }) });
    await coverage.getByRole('row', { name: /Social operator, programme delegate/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    // A partner's coordinator, on a phone, sees the count and the shared role, not who.
    const partner = await harness.newPage({ width: 375, height: 800 });
    await logIn(partner.page, 'coordinator@south.demo.test');
    await partner.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await partner.page.goto('/roles');
    const table = partner.page
      .getByRole('table')
      .filter({ has: partner.page.getByRole('columnheader', { name: 'Demo Shelter North' }) });
    await table.getByRole('row', { name: /Social operator, programme delegate/ }).waitFor();
    expect(await table.textContent()).not.toMatch(/Caseworker North|LIFEfriend/);
    expect(await partner.page.getByRole('button', { name: 'Add a local role' }).count()).toBe(0);
    expect(await seriousA11yViolations(partner.page)).toEqual([]);
    await partner.context.close();
  });
});
