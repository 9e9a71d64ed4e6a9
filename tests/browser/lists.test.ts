/**
 * Reference lists in the browser (issue #17): an administrator adds a service with a French label,
 * retires one, accepts an item a release proposes (the proposal arises from a list that lacks a seed
 * item, as one seeded by an older release does), on a laptop and a phone with axe checks; then a
 * caseworker records a service choosing the new item, no longer offered the retired one, and reads the
 * French label once the interface is in French.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCase } from '../../src/services/cases';
import { daysAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('reference lists in the browser', () => {
  test('an administrator adds, retires and accepts; a caseworker records the new service and reads it in French', async () => {
    const worker = await actorOf(harness, 'caseworker@north.demo.test');
    const c = await createCase(harness.ctx, worker, {
      person: { givenName: 'Demo', familyName: 'Person 971', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(20), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'medium' },
    });
    // Her services list was seeded by an older release that did not have long-term therapy yet.
    await sql`DELETE FROM reference_items WHERE organisation_id = ${worker.organisationId} AND list_key = 'services' AND code = 'long_term_therapy'`.execute(
      harness.ctx.db.system,
    );

    const { context, page } = await harness.newPage();
    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto('/settings/lists');
    await page.getByRole('heading', { name: 'Reference lists', level: 2 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'List' }).inputValue()).toBe('services');
    const rows = page.getByRole('region', { name: 'Items of the list' }).getByRole('row');
    await rows.filter({ hasText: 'health_checkup' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Add a service; a code that is not one shows its error at the field.
    await page.getByLabel('Code *').fill('Dental care');
    await page.getByLabel('Label in English *').fill('Dental care');
    await page.getByRole('button', { name: 'Add the item' }).click();
    await page.locator('#add-item-code[aria-invalid="true"]').waitFor();
    await page.getByLabel('Code *').fill('dental_care');
    await page.getByLabel('Label in Français').fill('Soins dentaires');
    await page.getByRole('button', { name: 'Add the item' }).click();
    await page.getByRole('status').filter({ hasText: 'The item dental_care is added' }).waitFor();
    await rows.filter({ hasText: 'dental_care' }).waitFor();

    // Retire one, after the inline question.
    await page.getByRole('button', { name: 'Retire HIV/STI tests and treatment' }).click();
    await page.getByText('Retire HIV/STI tests and treatment? It is no longer offered').waitFor();
    await page.getByRole('button', { name: 'Retire', exact: true }).click();
    await expect.poll(() => rows.filter({ hasText: 'sti_tests' }).textContent()).toContain('Retired');

    // Accept the proposal.
    const proposals = page.getByRole('region', { name: 'Proposed by a new release' });
    await proposals.getByRole('button', { name: 'Accept Long-term therapy' }).click();
    await proposals.getByText('Add Long-term therapy to the list Services?').waitFor();
    await proposals.getByRole('button', { name: 'Accept', exact: true }).click();
    await proposals.getByText('Nothing is waiting.').waitFor();
    await rows.filter({ hasText: 'long_term_therapy' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    // A phone: the page and its table fit, the table scrolls in its own region.
    const phone = await harness.newPage({ width: 390, height: 844 });
    await logIn(phone.page, 'admin@north.demo.test');
    await phone.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await phone.page.goto('/settings/lists');
    await phone.page.getByRole('region', { name: 'Items of the list' }).getByRole('row').nth(1).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(phone.page)).toEqual([]);
    await phone.context.close();

    // The caseworker records the new service, in French.
    const cw = await harness.newPage();
    await logIn(cw.page, 'caseworker@north.demo.test');
    await cw.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await cw.page.goto(`/cases/${c.row.id}/services`);
    await cw.page.getByRole('heading', { name: 'Log service' }).waitFor();
    await cw.page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await cw.page.getByRole('heading', { name: 'Enregistrer un service' }).waitFor();
    const service = cw.page.getByRole('combobox', { name: 'Service' });
    // The organisation's list loads apart from the page: wait for it before reading the options.
    await expect.poll(() => service.locator('option').allTextContents()).toContain('Soins dentaires');
    const offered = await service.locator('option').allTextContents();
    expect(offered).toContain('Soins dentaires');
    expect(offered.some((o) => o.includes('IST'))).toBe(false);
    await service.selectOption({ label: 'Soins dentaires' });
    await cw.page.getByRole('button', { name: 'Enregistrer un service' }).click();
    await cw.page.getByText(/Soins dentaires ·/).waitFor();
    expect(await seriousA11yViolations(cw.page)).toEqual([]);
    // Her stored language back to English, so her next login reads in English.
    await cw.page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await cw.page.getByRole('heading', { name: 'Log service' }).waitFor();
    await cw.context.close();
  });
});
