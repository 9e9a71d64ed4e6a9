/** Correcting the record in the browser: edit the person, correct and void a record with its history, mark an objective achieved, hand over, unsaved changes, conflicts. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addEntry } from '../../src/services/case-entries';
import { createCase, getCase } from '../../src/services/cases';
import { updateIntake } from '../../src/services/corrections';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo } from '../integration/support/dates';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function arrange(familyName: string) {
  const actor = await actorOf(harness, 'caseworker@north.demo.test');
  const created = await createCase(harness.ctx, actor, {
    person: { givenName: 'Demo', familyName, dateOfBirth: '1996-03-04', sex: 'female' },
    intake: {
      channel: 'hotline',
      contactDate: daysAgo(40),
      municipality: 'Demo Town',
      mediatorUsed: false,
      immediateNeeds: [],
    },
    risk: { level: 'medium' },
  });
  const caseId = created.row.id;
  await addEntry(harness.ctx, actor, caseId, 'objective', {
    title: 'Demo objective: find a flat',
    status: 'open',
    dueDate: daysAgo(-10),
    microObjectives: [{ title: 'Visit the housing office', done: false }],
  });
  await addEntry(harness.ctx, actor, caseId, 'review', { reviewedOn: daysAgo(5), notes: 'Demo review: first notes' });
  return { actor, caseId };
}

async function a11y(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('corrections in the browser', () => {
  test('a caseworker edits the person, corrects and voids a record, moves the plan on and hands the case over', async () => {
    const { caseId } = await arrange('Person 970');
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: /Demo Person 970/, level: 1 }).waitFor();

    // Edit the person: required fields are marked, the change shows at once.
    await page.getByRole('button', { name: 'Edit the person' }).click();
    const personForm = page.getByRole('form', { name: 'Edit the person' });
    expect(await personForm.getByLabel('Given name').getAttribute('aria-required')).toBe('true');
    await personForm.getByLabel('Family name').fill('Person 971');
    await a11y(page);
    await personForm.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText("The person's details are saved.").waitFor();
    await page.getByRole('heading', { name: /Demo Person 971/, level: 1 }).waitFor();

    // The plan: mark the objective achieved (a new version of it, with the reason named).
    await page.getByRole('link', { name: 'Plan' }).click();
    const objectives = page.getByRole('region', { name: 'Objectives' });
    await objectives.getByText('Demo objective: find a flat · open').waitFor();
    await objectives.getByRole('button', { name: /Mark achieved/ }).click();
    await objectives.getByText('Demo objective: find a flat · achieved').waitFor();
    await objectives.getByRole('button', { name: /History/ }).click();
    await objectives.getByText('Reason: Objective achieved').waitFor();
    await objectives.getByText('Status: open → achieved').waitFor();

    // Correct the review with a reason; its history shows who, why and which fields (no secret values).
    const reviews = page.getByRole('region', { name: 'Reviews' });
    await reviews.getByRole('button', { name: /Correct/ }).click();
    const correction = reviews.getByRole('form', { name: 'Correct this record' });
    const notes = correction.getByRole('textbox', { name: 'Notes', exact: true });
    expect(await notes.evaluate((e) => e.tagName)).toBe('TEXTAREA');
    await notes.fill('Demo review: corrected notes');
    await a11y(page);
    // Without a reason the browser refuses to submit (required): nothing is saved.
    await correction.getByRole('button', { name: 'Save the correction' }).click();
    expect(
      await correction.getByLabel('Why is it corrected?').evaluate((e) => (e as HTMLTextAreaElement).validity.valid),
    ).toBe(false);
    await correction.getByLabel('Why is it corrected?').fill('Demo: the first notes were about another visit');
    await correction.getByRole('button', { name: 'Save the correction' }).click();
    await reviews.getByText(/: Demo review: corrected notes/).waitFor();
    await reviews.getByRole('button', { name: /History/ }).click();
    const history = reviews.getByRole('region', { name: 'History of this record' });
    await history.getByText('Reason: Demo: the first notes were about another visit').waitFor();
    await history.getByText('Notes changed (confidential, not shown here)').waitFor();
    expect(await history.getByText('Demo review: first notes').count()).toBe(0);
    await a11y(page);

    // Void it: asked first, then it leaves the list and stays, struck through, in the voided records.
    await reviews.getByRole('button', { name: /^Void/ }).click();
    await reviews.getByLabel('Why was it a mistake?').fill('Demo: recorded on the wrong case');
    await reviews.getByRole('button', { name: 'Void the record' }).click();
    await reviews.getByText('Void this record? It leaves every current view', { exact: false }).waitFor();
    await reviews.getByRole('button', { name: 'Void the record' }).click();
    await expect.poll(() => reviews.getByText('Demo review: corrected notes').count()).toBe(0);
    await reviews.getByText('Voided records (1)').click();
    await reviews.getByText('Reason: Demo: recorded on the wrong case').waitFor();
    await reviews.getByText('This record was voided: it no longer counts anywhere.').waitFor();
    await a11y(page);

    // Hand over, with a reason and a confirmation saying what will happen.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Hand over' }).click();
    const handOver = page.getByRole('form', { name: 'Hand the case over' });
    const to = handOver.getByLabel('New case owner');
    // The candidates load after the form opens: wait for them before reading the list.
    await expect.poll(() => to.locator('option').count()).toBeGreaterThan(1);
    const options = await to.locator('option').allTextContents();
    const newOwner = options[1]!;
    await to.selectOption({ label: newOwner });
    await handOver.getByLabel('Why is it handed over?').fill('Demo: she asked for another caseworker');
    await a11y(page);
    await handOver.getByRole('button', { name: 'Hand over the case' }).click();
    await handOver.getByText(`Hand the case over to ${newOwner}?`, { exact: false }).waitFor();
    await handOver.getByRole('button', { name: 'Hand over the case' }).click();
    await page.getByText('The case is handed over.').waitFor();
    await page.locator('.case-meta').getByText(`Case owner: ${newOwner}`).waitFor();
    await context.close();
  });

  test('programme and country are set, and the Legal tab then pre-fills the country', async () => {
    const { caseId } = await arrange('Person 972');
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('button', { name: 'Programme and country' }).click();
    const form = page.getByRole('form', { name: 'Programme and country' });
    await form.getByLabel('Country of the case').fill('it');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The programme and country are saved.').waitFor();
    await page.getByRole('link', { name: 'Legal' }).click();
    await expect.poll(() => page.getByLabel(/^Country/).inputValue()).toBe('IT');
    await context.close();
  });

  test('leaving unsaved input asks first, and a conflict offers reload and re-apply keeping her input', async () => {
    const { actor, caseId } = await arrange('Person 973');
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('button', { name: 'Edit the intake' }).click();
    const form = page.getByRole('form', { name: 'Edit the intake' });
    await form.getByLabel('Municipality').fill('Demo Village');

    // In-app navigation with unsaved input: she is asked, and staying keeps the input.
    const asked: string[] = [];
    let answer: 'stay' | 'leave' = 'stay';
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (answer === 'leave' ? d.accept() : d.dismiss());
    });
    await page.getByRole('link', { name: 'Plan' }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('unsaved changes');
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    expect(await form.getByLabel('Municipality').inputValue()).toBe('Demo Village');

    // Someone else saves the intake meanwhile: a conflict, reload and re-apply keeps what she typed.
    const current = await getCase(harness.ctx, actor, caseId);
    await updateIntake(harness.ctx, actor, caseId, { language: 'ro', version: current.intake!.version });
    await form.getByRole('button', { name: 'Save changes' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('Someone else saved this record after you opened it.', { exact: false }).waitFor();
    await a11y(page);
    await alert.getByRole('button', { name: 'Reload and re-apply' }).click();
    await form
      .getByRole('status')
      .getByText('Reloaded. Your changes are still in the form', { exact: false })
      .waitFor();
    expect(await form.getByLabel('Municipality').inputValue()).toBe('Demo Village');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The intake is saved.').waitFor();
    await page.getByText('Demo Village').waitFor();
    const saved = await getCase(harness.ctx, actor, caseId);
    expect(saved.intake).toMatchObject({ municipality: 'Demo Village', language: 'ro', version: 3 });

    // After saving, nothing holds her: the next navigation is not asked about.
    await page.getByRole('link', { name: 'Plan' }).click();
    await page.getByRole('region', { name: 'Objectives' }).waitFor();
    expect(asked).toHaveLength(1);

    // The new-case form: closing or reloading the tab with typed input asks (beforeunload), and so does leaving it in the app.
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'New intake' }).click();
    const beforeUnloadAsks = () =>
      page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    expect(await beforeUnloadAsks()).toBe(false);
    await page.getByLabel('Given name').fill('Demo');
    expect(await beforeUnloadAsks()).toBe(true);
    answer = 'leave';
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await expect.poll(() => asked.length).toBe(2);
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await context.close();
  });
});
