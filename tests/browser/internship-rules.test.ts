/**
 * Internship length in the browser (issue #19): an administrator opens Settings → Internship length,
 * sees the default 1–6 months, adds Italy with its maximum below its minimum (the server's error at the
 * field), then 2–5 months after a confirmation; a caseworker's six-month internship in Italy, which
 * the default would allow, is refused at its end date on the case's Work tab. axe on laptop and phone.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMonths } from '../../src/domain/cases/dates';
import { createCase, updateCase } from '../../src/services/cases';
import { addEmployer } from '../../src/services/employers';
import { daysAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('internship length in the browser', () => {
  test('an administrator sets Italy to 2–5 months; a six-month internship there is refused at its end date', async () => {
    const admin = await harness.newPage({ width: 1366, height: 768 });
    await logIn(admin.page, 'admin@north.demo.test');
    await admin.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await admin.page.getByRole('link', { name: 'Settings' }).first().click();
    await admin.page.getByRole('link', { name: 'Internship length' }).click();
    await admin.page.getByRole('heading', { name: 'Internship length', level: 2 }).waitFor();
    const defaults = admin.page.getByRole('row', { name: /Default/ });
    expect((await defaults.textContent())?.replace(/\s+/g, '')).toContain('16');
    expect(await seriousA11yViolations(admin.page)).toEqual([]);

    const form = admin.page.getByRole('form', { name: 'Add a country' });
    await form.getByLabel('Country code (two letters, e.g. IT)').fill('it');
    await form.getByLabel('Shortest (months)').fill('5');
    await form.getByLabel('Longest (months)').fill('2');
    await form.getByRole('button', { name: 'Save the rule' }).click();
    // Saving asks first, saying what changes.
    const question = form.getByRole('group');
    expect(await question.textContent()).toContain('between 5 and 2 months');
    await question.getByRole('button', { name: 'Save the rule' }).click();
    const longest = form.getByLabel('Longest (months)');
    await expect.poll(() => longest.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    await form.getByLabel('Shortest (months)').fill('2');
    await longest.fill('5');
    await form.getByRole('button', { name: 'Save the rule' }).click();
    await form.getByRole('group').getByRole('button', { name: 'Save the rule' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'The rule for IT was saved.' }).waitFor();
    const italy = admin.page.getByRole('row', { name: /^IT/ });
    expect((await italy.textContent())?.replace(/\s+/g, '')).toContain('IT25');
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    await admin.context.close();

    const phone = await harness.newPage({ width: 390, height: 844 });
    await logIn(phone.page, 'admin@north.demo.test');
    await phone.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await phone.page.goto('/settings/internship-rules');
    await phone.page.getByRole('row', { name: /^IT/ }).waitFor();
    expect(await seriousA11yViolations(phone.page)).toEqual([]);
    await phone.context.close();

    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    await addEmployer(harness.ctx, actor, {
      name: 'Demo Bottega Luna 31',
      sector: 'retail',
      territoryLevel: 'nuts3',
      territory: 'Demo Region',
    });
    const c = await createCase(harness.ctx, actor, {
      person: { givenName: 'Demo', familyName: 'Person 931', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(90), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'low' },
    });
    await updateCase(harness.ctx, actor, c.row.id, { country: 'IT', version: c.row.version });

    const { context, page } = await harness.newPage({ width: 1366, height: 768 });
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${c.row.id}/work`);
    const internship = page.getByRole('form', { name: 'Record an internship' });
    await internship.waitFor();
    await internship.getByRole('combobox', { name: 'Employer' }).selectOption({ label: 'Demo Bottega Luna 31' });
    await internship.getByLabel('Start date').fill(daysAgo(15));
    // Six months: within the default 1–6, beyond Italy's 5.
    await internship.getByLabel(/^End date/).fill(addMonths(daysAgo(15), 6));
    await internship.getByRole('button', { name: 'Save' }).click();
    const endOn = internship.getByRole('textbox', { name: /^End date/ });
    await expect.poll(() => endOn.getAttribute('aria-invalid')).toBe('true');
    expect(await internship.textContent()).toContain('longer than this country allows');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await endOn.fill(addMonths(daysAgo(15), 4));
    await internship.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('region', { name: 'Internships' })
      .getByText(/Demo Bottega Luna 31/)
      .waitFor();
    await context.close();
  }, 300_000);
});
