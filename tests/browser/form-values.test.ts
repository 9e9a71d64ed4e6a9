/**
 * Custom values in the browser (issue #17): an administrator downloads a form's recorded values as
 * CSV from the form's page in Settings (values in their own columns, the sealed field left out and
 * named on the page), and a caseworker prints the case file's additional-forms section (the values
 * in the PDF). Laptop width, axe checks. The form and its record are set up through the services:
 * building and recording forms in the browser is the forms and configuration tests' subject.
 */
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addEntry } from '../../src/services/case-entries';
import { createCase } from '../../src/services/cases';
import { createForm, getForm, publishForm } from '../../src/services/custom-forms';
import { daysAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

const CANARY = 'Demo canary: the back room of the Demo Café';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('custom values in the browser', () => {
  test('the administrator downloads the CSV; the caseworker prints the values', async () => {
    const admin = await actorOf(harness, 'admin@north.demo.test');
    const worker = await actorOf(harness, 'caseworker@north.demo.test');
    await createForm(harness.ctx, admin, {
      definition: {
        code: 'wellbeing',
        title: { en: 'Wellbeing check', fr: 'Bilan de bien-être' },
        target: 'case',
        sections: [
          {
            name: 'main',
            label: { en: 'Main' },
            fields: [
              { name: 'sleeps_well', type: 'yes_no', label: { en: 'Sleeps well' } },
              {
                name: 'support',
                type: 'select_one',
                label: { en: 'Support wanted' },
                choices: { options: [{ code: 'peer_group', label: { en: 'Peer group' } }] },
              },
              { name: 'where', type: 'long_text', label: { en: 'Where she feels safe' } },
            ],
          },
        ],
      },
    });
    await publishForm(harness.ctx, admin, 'wellbeing', {
      lockVersion: (await getForm(harness.ctx, admin, 'wellbeing')).lockVersion,
    });
    const created = await createCase(harness.ctx, worker, {
      person: { givenName: 'Demo', familyName: 'Person 972', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(10), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'medium' },
    });
    await addEntry(harness.ctx, worker, created.row.id, 'custom_form', {
      form: 'wellbeing',
      version: 1,
      values: { sleeps_well: false, support: 'peer_group', where: CANARY },
    });

    const laptop = { width: 1366, height: 768 };
    const { context, page } = await harness.newPage(laptop);
    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto('/settings/forms/wellbeing');
    const button = page.getByRole('button', { name: 'Download recorded values (CSV)' });
    await button.waitFor();
    const downloading = page.waitForEvent('download');
    await button.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('ariadne-form-wellbeing.csv');
    const notice = page.getByRole('status').filter({ hasText: 'The CSV was downloaded.' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Left out of the export because they are confidential: where.');
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe('case_reference,recorded_on,form_version,sleeps_well (Sleeps well),support (Support wanted)');
    expect(row).toMatch(new RegExp(`^${created.row.reference},\\d{4}-\\d{2}-\\d{2},1,no,peer_group \\(Peer group\\)$`));
    expect(csv).not.toContain(CANARY);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    const second = await harness.newPage(laptop);
    await logIn(second.page, 'caseworker@north.demo.test');
    await second.page
      .getByRole('heading', { name: /Welcome|Dashboard/ })
      .first()
      .waitFor();
    await second.page.goto(`/cases/${created.row.id}`);
    await second.page.getByRole('button', { name: 'Print case file' }).click();
    const dialog = second.page.getByRole('group', { name: 'Print the case file' });
    await dialog.getByRole('button', { name: 'Select none' }).click();
    await dialog.getByRole('checkbox', { name: 'Additional forms' }).check();
    expect(await seriousA11yViolations(second.page)).toEqual([]);
    const printing = second.page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download PDF' }).click();
    const pdf = await readFile((await (await printing).path())!);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain('Wellbeing check (form version 1)');
    expect(text).toContain('Sleeps well');
    expect(text).toContain('Peer group');
    expect(text).toContain(CANARY);
    await second.context.close();
  }, 120_000);
});
