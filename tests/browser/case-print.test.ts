/** Printing the case file from the case page: choose sections, download the PDF, read it back; on a laptop and a phone. */
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addEntry } from '../../src/services/case-entries';
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

describe('printing a case file in the browser', () => {
  test.each([
    ['laptop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ])(
    'on a %s, the caseworker downloads the sections she chose',
    async (device, viewport) => {
      const actor = await actorOf(harness, 'caseworker@north.demo.test');
      const created = await createCase(harness.ctx, actor, {
        person: { givenName: 'Demo Šárka', familyName: `Print ${device}`, sex: 'female' },
        intake: { channel: 'hotline', contactDate: daysAgo(40), mediatorUsed: false, immediateNeeds: [] },
        risk: { level: 'medium' },
      });
      await addEntry(harness.ctx, actor, created.row.id, 'placement', {
        type: 'emergency',
        startOn: daysAgo(30),
        address: 'Demo Hidden Road 3',
      });
      const { context, page } = await harness.newPage(viewport);
      await logIn(page, 'caseworker@north.demo.test');
      await page
        .getByRole('heading', { name: /Welcome|Dashboard/ })
        .first()
        .waitFor();
      await page.goto(`/cases/${created.row.id}`);
      await page.getByRole('button', { name: 'Print case file' }).click();
      const dialog = page.getByRole('group', { name: 'Print the case file' });
      // Every section is chosen at first.
      for (const box of await dialog.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Select none' }).click();
      await dialog.getByRole('button', { name: 'Download PDF' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Choose at least one section.' }).waitFor();
      await dialog.getByRole('checkbox', { name: 'Person and identity' }).check();
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Download PDF' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`case-file-${created.row.reference}.pdf`);
      await dialog.getByRole('status').filter({ hasText: 'The case file was downloaded.' }).waitFor();
      const bytes = await readFile((await download.path())!);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
      expect(text).toContain(`Demo Šárka Print ${device}`);
      expect(text).toContain('Printed by Demo Caseworker North');
      expect(text).not.toContain('Demo Hidden Road 3');
      await context.close();
    },
    120_000,
  );
});
