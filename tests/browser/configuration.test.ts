/**
 * Configuration as data, end to end in the browser (issue #17, "Done when"). As the administrator:
 * add a service with a French label, build a custom section with a skip-logic field and publish it,
 * import an XLSForm and publish it. Then, as a caseworker, record a case using all three through
 * the UI only: the intake, the new service, the section (its dependent field appears only when
 * relevant) and the imported form. The values are then read back from the case file PDF and from
 * the form's CSV export, each field in its own column. Laptop width; axe on every screen.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

const LAPTOP = { width: 1366, height: 768 };

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** A small XLSForm as a partner would send it: a choice, a dependent whole number, labels in two languages. */
async function exitPlanXlsForm(): Promise<string> {
  const book = new ExcelJS.Workbook();
  const survey = book.addWorksheet('survey');
  survey.addRows([
    ['type', 'name', 'label::English (en)', 'label::French (fr)', 'required', 'relevant', 'constraint'],
    ['begin_group', 'housing_plan', 'Housing plan', 'Projet de logement', '', '', ''],
    ['select_one housing', 'housing', 'Housing after the shelter', 'Logement après le foyer', 'yes', '', ''],
    ['integer', 'lease_months', 'Months of the lease', 'Mois du bail', 'yes', "${housing} = 'rented'", '. > 0'],
    ['end_group', '', '', '', '', '', ''],
  ]);
  const choices = book.addWorksheet('choices');
  choices.addRows([
    ['list_name', 'name', 'label::English (en)', 'label::French (fr)'],
    ['housing', 'rented', 'Rented flat', 'Appartement loué'],
    ['housing', 'family', 'With family', 'En famille'],
  ]);
  const settings = book.addWorksheet('settings');
  settings.addRows([
    ['form_id', 'form_title', 'default_language'],
    ['exit_plan', 'Exit plan', 'English (en)'],
  ]);
  const file = path.join(os.tmpdir(), `ariadne-exit-plan-${process.pid}.xlsx`);
  await book.xlsx.writeFile(file);
  return file;
}

async function publishVersionOne(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish version 1' }).click();
  await page
    .getByRole('group', { name: /Publish version 1\?/ })
    .getByRole('button', { name: 'Publish version 1' })
    .click();
  await page.getByText('Published · version 1').waitFor();
}

async function signedIn(email: string) {
  const session = await harness.newPage(LAPTOP);
  await logIn(session.page, email);
  await session.page.getByRole('heading', { name: /Welcome/ }).waitFor();
  return session;
}

describe('configuration as data, from the administrator to the case file and the export', () => {
  test('a new service, a custom section with skip logic and an imported XLSForm are used to record a case', async () => {
    // --- the administrator ---------------------------------------------------------------------
    const admin = await signedIn('admin@north.demo.test');
    const a = admin.page;

    // A service, with its French label.
    await a.goto('/settings/lists');
    await a.getByRole('heading', { name: 'Reference lists', level: 2 }).waitFor();
    expect(await a.getByRole('combobox', { name: 'List' }).inputValue()).toBe('services');
    await a.getByLabel('Code *').fill('dental_care');
    await a.getByLabel('Label in English *').fill('Dental care');
    await a.getByLabel('Label in Français').fill('Soins dentaires');
    await a.getByRole('button', { name: 'Add the item' }).click();
    await a.getByRole('status').filter({ hasText: 'The item dental_care is added' }).waitFor();
    expect(await seriousA11yViolations(a)).toEqual([]);

    // A custom section with a skip-logic field, built in the builder and published.
    await a.goto('/settings/forms');
    await a.getByRole('heading', { name: 'Custom forms' }).waitFor();
    await a.getByRole('link', { name: 'New form' }).click();
    await a.getByRole('heading', { name: 'New form' }).waitFor();
    await a.getByLabel('Code', { exact: true }).fill('arrival_details');
    await a.getByRole('group', { name: 'Title', exact: true }).getByLabel('English').fill('Arrival details');
    await a.getByRole('group', { name: 'Title', exact: true }).getByLabel('Français').fill("Détails de l'arrivée");
    await a.getByLabel('Section name').fill('journey');
    await a.getByRole('group', { name: 'Section heading' }).getByLabel('English').fill('Journey');
    const alone = a.locator('fieldset.builder-field').nth(0);
    await alone.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Yes/no' });
    await alone.getByLabel('Field name').fill('travelled_alone');
    await alone.getByRole('group', { name: 'Label', exact: true }).getByLabel('English').fill('Travelled alone');
    await alone.getByLabel('Required', { exact: true }).check();
    await a.getByRole('button', { name: 'Add a field' }).click();
    const companions = a.locator('fieldset.builder-field').nth(1);
    await companions.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Number' });
    await companions.getByLabel('Field name').fill('companions');
    await companions.getByRole('group', { name: 'Label', exact: true }).getByLabel('English').fill('Companions');
    await companions.getByLabel('Relevant when').fill('${travelled_alone} = false()');
    await companions.getByLabel('Required', { exact: true }).check();
    expect(await seriousA11yViolations(a)).toEqual([]);
    await a.getByRole('button', { name: 'Create the draft' }).click();
    await a.getByRole('heading', { name: 'Arrival details' }).waitFor();
    await publishVersionOne(a);

    // An XLSForm, imported as a draft through the page and published.
    await a.goto('/settings/forms');
    await a.getByRole('heading', { name: 'Custom forms' }).waitFor();
    await a.getByLabel('XLSForm file (.xlsx)').setInputFiles(await exitPlanXlsForm());
    await a.getByRole('button', { name: 'Import as draft' }).click();
    await a.getByText('Imported as the draft form exit_plan.').waitFor();
    expect(await seriousA11yViolations(a)).toEqual([]);
    await a.getByRole('link', { name: 'Open the draft' }).click();
    await a.getByRole('heading', { name: 'Exit plan' }).waitFor();
    await publishVersionOne(a);
    await admin.context.close();

    // --- the caseworker records a case with them ---------------------------------------------
    const worker = await signedIn('caseworker@north.demo.test');
    const w = worker.page;
    await w.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Cases' }).click();
    await w.getByRole('link', { name: 'New intake' }).click();
    await w.getByLabel('Given name').fill('Demo');
    await w.getByLabel('Family name').fill('Person 990');
    await w.getByLabel('Identification channel').selectOption({ label: 'Hotline' });
    await w.getByLabel('Safety risk').selectOption({ label: 'Medium' });
    await w.getByRole('button', { name: 'Open the case' }).click();
    await w.getByRole('heading', { name: /Demo Person 990/, level: 1 }).waitFor();
    const caseUrl = new URL(w.url());
    const caseId = caseUrl.pathname.split('/')[2];
    const reference = /[A-Z]{3}-\d{4}-\d{4}/.exec((await w.locator('main').textContent()) ?? '')?.[0];
    expect(reference).toBeDefined();

    // The new service is offered and logged.
    await w.goto(`/cases/${caseId}/services`);
    await w.getByRole('heading', { name: 'Log service' }).waitFor();
    await w.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'Dental care' });
    await w.getByRole('button', { name: 'Log service' }).click();
    await w.getByText(/Dental care ·/).waitFor();

    // The custom section: the number of companions is asked only once she did not travel alone.
    await w.goto(`/cases/${caseId}/forms`);
    await w.getByRole('heading', { name: 'Forms of the case' }).waitFor();
    await w.getByRole('button', { name: 'Fill in: Arrival details' }).click();
    const arrival = w.getByRole('form', { name: 'Arrival details' });
    await arrival.getByRole('combobox', { name: /Travelled alone/ }).waitFor();
    expect(await arrival.getByLabel(/Companions/).count()).toBe(0);
    await arrival.getByRole('combobox', { name: /Travelled alone/ }).selectOption({ label: 'No' });
    await arrival.getByLabel(/Companions/).fill('3');
    expect(await seriousA11yViolations(w)).toEqual([]);
    await arrival.getByRole('button', { name: 'Save' }).click();
    const recorded = w.getByRole('region', { name: 'Recorded forms' });
    await recorded.getByRole('article', { name: 'Arrival details' }).waitFor();

    // The imported form, with its own skip logic and constraint.
    await w.getByRole('button', { name: 'Fill in: Exit plan' }).click();
    const exit = w.getByRole('form', { name: 'Exit plan' });
    await exit.getByRole('combobox', { name: /Housing after the shelter/ }).selectOption({ label: 'Rented flat' });
    await exit.getByLabel(/Months of the lease/).fill('0');
    await exit.getByRole('button', { name: 'Save' }).click();
    expect(await exit.getByLabel(/Months of the lease/).getAttribute('aria-invalid')).toBe('true');
    await exit.getByLabel(/Months of the lease/).fill('12');
    await exit.getByRole('button', { name: 'Save' }).click();
    await recorded.getByRole('article', { name: 'Exit plan' }).waitFor();
    expect(await seriousA11yViolations(w)).toEqual([]);

    // The case file carries them.
    await w.goto(`/cases/${caseId}`);
    await w.getByRole('button', { name: 'Print case file' }).click();
    const dialog = w.getByRole('group', { name: 'Print the case file' });
    await dialog.getByRole('button', { name: 'Select none' }).click();
    await dialog.getByRole('checkbox', { name: 'Services' }).check();
    await dialog.getByRole('checkbox', { name: 'Additional forms' }).check();
    const printing = w.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download PDF' }).click();
    const pdf = await readFile((await (await printing).path())!);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain('Dental care');
    expect(text).toContain('Arrival details (form version 1)');
    expect(text).toContain('Companions');
    expect(text).toContain('Exit plan (form version 1)');
    expect(text).toContain('Rented flat');
    expect(text).toContain('Months of the lease');
    await worker.context.close();

    // --- the administrator exports the section's values -----------------------------------------
    const again = await signedIn('admin@north.demo.test');
    await again.page.goto('/settings/forms/arrival_details');
    const button = again.page.getByRole('button', { name: 'Download recorded values (CSV)' });
    await button.waitFor();
    const downloading = again.page.waitForEvent('download');
    await button.click();
    const csv = await readFile((await (await downloading).path())!, 'utf8');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe(
      'case_reference,recorded_on,form_version,travelled_alone (Travelled alone),companions (Companions)',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^${reference},\\d{4}-\\d{2}-\\d{2},1,no,3$`));
    expect(await seriousA11yViolations(again.page)).toEqual([]);
    await again.context.close();
  }, 240_000);
});
