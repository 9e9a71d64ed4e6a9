/**
 * Custom forms in the browser (issue #17): an administrator builds a form with a section and a
 * skip-logic field in the builder (a broken expression is named at its field as she types),
 * previews it and publishes version 1; a caseworker fills it in on a case: the dependent field
 * appears only when relevant, a missing required answer is said at the field, and the saved values
 * are shown with their version. axe checks the builder and the case's Forms tab.
 */
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

describe('custom forms in the browser', () => {
  test('an administrator builds and publishes a form; a caseworker fills it in with its skip logic', async () => {
    const admin = await harness.newPage();
    await logIn(admin.page, 'admin@north.demo.test');
    await admin.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await admin.page.goto('/settings/forms');
    await admin.page.getByRole('heading', { name: 'Custom forms' }).waitFor();
    await admin.page.getByRole('link', { name: 'New form' }).click();
    const page = admin.page;
    await page.getByRole('heading', { name: 'New form' }).waitFor();

    await page.getByLabel('Code', { exact: true }).fill('arrival_details');
    await page.getByRole('group', { name: 'Title', exact: true }).getByLabel('English').fill('Arrival details');
    await page.getByRole('group', { name: 'Title', exact: true }).getByLabel('Français').fill("Détails de l'arrivée");
    await page.getByLabel('Section name').fill('journey');
    await page.getByRole('group', { name: 'Section heading' }).getByLabel('English').fill('Journey');

    const first = page.locator('fieldset.builder-field').nth(0);
    await first.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Yes/no' });
    await first.getByLabel('Field name').fill('travelled_alone');
    await first.getByRole('group', { name: 'Label', exact: true }).getByLabel('English').fill('Travelled alone');
    await first.getByLabel('Required', { exact: true }).check();

    await page.getByRole('button', { name: 'Add a field' }).click();
    const second = page.locator('fieldset.builder-field').nth(1);
    await second.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Number' });
    await second.getByLabel('Field name').fill('companions');
    await second.getByRole('group', { name: 'Label', exact: true }).getByLabel('English').fill('Companions');
    await second.getByRole('group', { name: 'Label', exact: true }).getByLabel('Italiano').fill('Accompagnatori');
    // A broken expression is named at its field while she types; the preview waits for a readable draft.
    await second.getByLabel('Relevant when').fill('${travelled_alone} = = false()');
    await second.getByRole('alert').first().waitFor();
    await page.getByText('The preview appears once').waitFor();
    await second.getByLabel('Relevant when').fill('${travelled_alone} = false()');
    await expect.poll(() => second.getByRole('alert').count()).toBe(0);
    await second.getByLabel('Required', { exact: true }).check();

    // The preview runs the skip logic: companions only once she did not travel alone.
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByRole('combobox', { name: /Travelled alone/ }).waitFor();
    expect(await preview.getByLabel(/Companions/).count()).toBe(0);
    await preview.getByRole('combobox', { name: /Travelled alone/ }).selectOption({ label: 'No' });
    await preview.getByLabel(/Companions/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { name: 'Arrival details' }).waitFor();
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByText('Publish version 1? Staff fill in this version').waitFor();
    await page
      .getByRole('group', { name: /Publish version 1\?/ })
      .getByRole('button', { name: 'Publish version 1' })
      .click();
    await page.getByText('Published · version 1').waitFor();
    await page.getByRole('link', { name: 'Back to the forms' }).click();
    const row = page.getByRole('row', { name: /Arrival details/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Published');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await admin.context.close();

    // The caseworker, on a phone-sized screen.
    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    const c = await createCase(harness.ctx, actor, {
      person: { givenName: 'Demo', familyName: 'Person 971', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(10), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'medium' },
    });
    const worker = await harness.newPage({ width: 390, height: 844 });
    await logIn(worker.page, 'caseworker@north.demo.test');
    await worker.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await worker.page.goto(`/cases/${c.row.id}/forms`);
    const w = worker.page;
    await w.getByRole('heading', { name: 'Forms of the case' }).waitFor();
    await w.getByRole('button', { name: 'Fill in: Arrival details' }).click();
    const form = w.getByRole('form', { name: 'Arrival details' });
    await form.getByRole('combobox', { name: /Travelled alone/ }).waitFor();
    expect(await form.getByLabel(/Companions/).count()).toBe(0);
    expect(await seriousA11yViolations(w)).toEqual([]);

    await form.getByRole('combobox', { name: /Travelled alone/ }).selectOption({ label: 'No' });
    await form.getByLabel(/Companions/).waitFor();
    // Required, now that it is asked: said at the field, nothing saved.
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('An answer is required.').waitFor();
    expect(await form.getByLabel(/Companions/).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel(/Companions/).fill('2');
    await form.getByRole('button', { name: 'Save' }).click();

    const recorded = w.getByRole('region', { name: 'Recorded forms' });
    const record = recorded.getByRole('article', { name: 'Arrival details' });
    await record.waitFor();
    await expect.poll(async () => (await record.textContent()) ?? '').toContain('Companions');
    const text = (await record.textContent()) ?? '';
    expect(text).toContain('version 1');
    expect(text).toContain('Travelled alone');
    expect(text).toContain('No');
    expect(text).toContain('2');
    expect(await seriousA11yViolations(w)).toEqual([]);
    await worker.context.close();
  });
});
