/**
 * A caseworker's whole day in the browser, with no API shortcut: everything is done by clicking and typing,
 * on the demo data a fresh start seeds. Log in, read the dashboard, find one of her cases by part of a name,
 * open it, correct the person, add a note and an attachment, re-assess the risk, mark an objective achieved,
 * refer with a message, print the case file (the PDF is read back), hand the case over and close it.
 * Once at laptop width and once at phone width, with axe checks along the way.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  // A fresh start's demo data: a year of cases, some of them hers.
  harness = await startHarness({ demoCases: 40 });
});
afterAll(async () => {
  await harness?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% demo court summons\ntrailer <<>>\n%%EOF\n');

async function a11y(page: Page, where: string) {
  expect(await seriousA11yViolations(page), where).toEqual([]);
}

/** A tab of the case page, by its link in the case sections (on a phone the tabs scroll sideways). */
/** A link of the main navigation; on a phone it sits behind the Menu button. */
async function mainNav(page: Page, name: string) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click();
}

async function openTab(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true }).click();
}

const DEVICES = [
  { device: 'laptop', viewport: { width: 1366, height: 768 } },
  { device: 'phone', viewport: { width: 390, height: 844 } },
] as const;

describe('a caseworker works through her day in the browser', () => {
  test.each(DEVICES)(
    'on a $device',
    async ({ device, viewport }) => {
      const { context, page } = await harness.newPage(viewport);
      await logIn(page, 'caseworker@north.demo.test');

      // The dashboard: count tiles and the agenda.
      const tiles = page.getByRole('region', { name: 'At a glance' });
      await tiles.getByText('My open cases').waitFor();
      await tiles.getByText('High risk').waitFor();
      await page.getByRole('heading', { name: 'Agenda' }).waitFor();
      await a11y(page, 'dashboard');

      // Her own open cases: take one, and find it again by a few letters of a name.
      await mainNav(page, 'Cases');
      await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
      await page.getByLabel('My cases only').check();
      await page.getByRole('button', { name: 'Search' }).click();
      const rows = page.getByRole('row').filter({ has: page.getByRole('link') });
      await rows.first().waitFor();
      const openRow = rows.filter({ hasNotText: /Closed|Paused/ }).first();
      const reference = (await openRow.getByRole('cell').first().innerText()).trim();
      const fullName = (await openRow.getByRole('cell').nth(1).innerText()).split(' · ')[0]!.trim();
      const word = fullName.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w) && w !== 'Demo') ?? fullName;
      const partial = word.slice(0, 4).toLowerCase();

      await page.getByLabel('Name or case reference').fill(partial);
      await page.getByRole('button', { name: 'Search' }).click();
      const found = page.getByRole('row').filter({ hasText: reference });
      await found.waitFor();
      await a11y(page, 'case list');
      await found.getByRole('link').first().click();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: fullName }).waitFor();

      // Correct the person: she now uses another family name.
      const newFamily = `Walk ${device}`;
      await page.getByRole('button', { name: 'Edit the person' }).click();
      const personForm = page.getByRole('form', { name: 'Edit the person' });
      await personForm.getByLabel('Family name').fill(newFamily);
      await a11y(page, 'person form');
      await personForm.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').filter({ hasText: "The person's details are saved." }).waitFor();
      const heading = page.getByRole('heading', { level: 1 }).filter({ hasText: newFamily });
      await heading.waitFor();
      const name = (await heading.innerText()).split(' · ')[0]!.trim();

      // A note from this morning's phone call.
      const noteText = `Demo ${device} call: she will bring the letter from the labour office.`;
      await openTab(page, 'Notes');
      const noteForm = page.getByRole('form', { name: 'Add a note' });
      await noteForm.getByLabel('Kind of contact').selectOption({ label: 'Phone call' });
      await noteForm.getByRole('textbox', { name: /^Note\b/ }).fill(noteText);
      await noteForm.getByRole('button', { name: 'Save note' }).click();
      await noteForm.getByRole('status').filter({ hasText: 'The note was saved.' }).waitFor();
      await page.getByTestId('notes').getByText(noteText).waitFor();
      await a11y(page, 'notes');

      // The court summons she brought, scanned.
      await openTab(page, 'Attachments');
      await page.getByRole('heading', { name: 'Attach a file' }).waitFor();
      await page.getByLabel('Category').selectOption({ label: 'Legal document' });
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: `summons-${device}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Upload' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `summons-${device}.pdf was attached.` })
        .waitFor();
      await page
        .getByTestId('attachments')
        .getByRole('link', { name: `summons-${device}.pdf` })
        .waitFor();
      await a11y(page, 'attachments');

      // Re-assess the risk: the exploiters have been in touch again.
      await openTab(page, 'Risk');
      const riskForm = page.getByRole('form', { name: 'Re-assess risk' });
      await riskForm
        .getByRole('group', { name: 'Threats from the traffickers or their associates' })
        .getByRole('radio', { name: 'Yes', exact: true })
        .check();
      await expect.poll(() => page.getByTestId('risk-suggested').textContent()).toBe('Suggested level: High');
      await riskForm.getByRole('button', { name: 'Save assessment' }).click();
      await page.getByRole('status').filter({ hasText: 'Risk assessment saved.' }).waitFor();
      await expect.poll(() => page.getByTestId('case-risk').textContent()).toBe('High');
      await a11y(page, 'risk');

      // The plan: a new objective, reached the same day.
      const objective = `Demo ${device}: open a bank account`;
      await openTab(page, 'Plan');
      await page.getByLabel('Objective', { exact: true }).fill(objective);
      await page.getByRole('button', { name: 'Add objective' }).first().click();
      const objectives = page.getByRole('region', { name: 'Objectives' });
      const item = objectives.getByRole('listitem').filter({ hasText: objective });
      await item.getByText(`${objective} · open`).waitFor();
      await item.getByRole('button', { name: /Mark achieved/ }).click();
      await item.getByText(`${objective} · achieved`).waitFor();
      await a11y(page, 'plan');

      // Refer her to a partner, with her consent to share with that partner first.
      await openTab(page, 'Consent');
      await page.getByLabel('Purpose').selectOption({ label: 'Sharing with a named partner for referral' });
      await page.getByLabel('Partner organisation').selectOption({ label: 'Demo Outreach South' });
      await page.getByLabel('Language of the explanation').fill('en');
      await page.getByRole('button', { name: 'Record consent given' }).click();
      await page.getByRole('status').filter({ hasText: 'Consent recorded.' }).waitFor();
      await openTab(page, 'Referrals');
      const partner = page.getByLabel('Partner organisation');
      await expect.poll(() => partner.locator('option', { hasText: 'Demo Outreach South' }).count()).toBe(1);
      await partner.selectOption({ label: 'Demo Outreach South' });
      const service = page.getByLabel('Requested service');
      await service.selectOption({ index: 1 });
      await page.getByLabel('Urgency').selectOption({ label: 'Urgent' });
      const message = `Demo ${device}: she needs legal counselling before the hearing.`;
      await page.getByLabel('Message to the partner').fill(message);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('status').filter({ hasText: 'Sent.' }).waitFor();
      await page.getByTestId('case-referrals').getByText('Urgent').first().waitFor();
      await a11y(page, 'referrals');

      // Print the case file for her lawyer: the PDF holds what was recorded today, and who printed it.
      await page.getByRole('button', { name: 'Print case file' }).click();
      const dialog = page.getByRole('group', { name: 'Print the case file' });
      await a11y(page, 'print dialog');
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Download PDF' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`case-file-${reference}.pdf`);
      const bytes = await readFile((await download.path())!);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(name);
      expect(flat).toContain(reference);
      expect(flat).toContain(noteText);
      expect(flat).toContain(objective);
      expect(flat).toContain('Printed by Demo Caseworker North');

      // Hand the case over to a colleague, then close it: both ask first.
      await openTab(page, 'Overview');
      await page.getByRole('button', { name: 'Hand over' }).click();
      const handOver = page.getByRole('form', { name: 'Hand the case over' });
      const to = handOver.getByLabel('New case owner');
      // The candidates load after the form opens: wait for them before reading the list.
      await expect.poll(() => to.locator('option').count()).toBeGreaterThan(1);
      const owners = (await to.locator('option').allTextContents()).filter((o) => o && o !== 'Demo Caseworker North');
      const newOwner = owners.find((o) => !o.startsWith('—') && !/choose/i.test(o))!;
      await to.selectOption({ label: newOwner });
      await handOver.getByLabel('Why is it handed over?').fill('Demo: she moves to the other district');
      await handOver.getByRole('button', { name: 'Hand over the case' }).click();
      await handOver.getByText(`Hand the case over to ${newOwner}?`, { exact: false }).waitFor();
      await handOver.getByRole('button', { name: 'Hand over the case' }).click();
      await page.getByText('The case is handed over.').waitFor();
      await page.locator('.case-meta').getByText(`Case owner: ${newOwner}`).waitFor();

      await page.getByLabel('Move to').selectOption({ label: 'Closed' });
      await page.getByLabel('Why is the case closed?').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('Close this case?', { exact: false }).waitFor();
      await a11y(page, 'close confirmation');
      await page.getByRole('button', { name: 'Close the case' }).click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Closed');
      await page.getByText('This case is closed and read-only.', { exact: false }).waitFor();
      await a11y(page, 'closed case');
      await context.close();
    },
    240_000,
  );
});
