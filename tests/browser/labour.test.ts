/**
 * Labour-market insertion in the browser (issue #19, the Done-when journey): a caseworker adds an
 * employer on the Employers page (a field error first, at its field), a company tutor and an
 * agreement, and shares it after a confirmation; then follows one person on her case's Work tab from
 * a guidance session through a course and an internship with that employer and tutor, to a job
 * placement and two follow-ups. axe on every screen, at laptop width and on a phone.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCase } from '../../src/services/cases';
import { addMonths } from '../../src/domain/cases/dates';
import { daysAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

describe('labour-market insertion in the browser', () => {
  test('the employer directory, then guidance → course → internship → placement → two follow-ups', async () => {
    const { context, page } = await harness.newPage({ width: 1366, height: 768 });
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto('/employers');
    await page.getByRole('heading', { name: 'Employers', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const form = page.getByRole('form', { name: 'Add an employer' });
    await form.getByRole('combobox', { name: 'Sector' }).selectOption('hospitality');
    await form.getByLabel('Territory', { exact: true }).fill('Demo Town North');
    await form.getByRole('button', { name: 'Save' }).click();
    const name = form.getByRole('textbox', { name: 'Company name' });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await name.fill('Demo Trattoria Sole 12');
    await form.getByLabel(/^Business contact/).fill('Demo Hiring Desk');
    await form.getByRole('button', { name: 'Save' }).click();
    const card = page.getByRole('article', { name: 'Demo Trattoria Sole 12' });
    await card.waitFor();
    const tutorForm = card.getByRole('form', { name: 'Add a tutor' });
    await tutorForm.getByLabel("Tutor's name").fill('Demo Tutor Rina');
    await tutorForm.getByLabel('Role in the company').fill('Head cook');
    await tutorForm.getByRole('button', { name: 'Add a tutor' }).click();
    await card.getByText('Demo Tutor Rina · Head cook').waitFor();
    const agreementForm = card.getByRole('form', { name: 'Add an agreement' });
    await agreementForm.getByLabel('Signed on').fill(daysAgo(10));
    await agreementForm.getByRole('button', { name: 'Add an agreement' }).click();
    await card.getByText(/Internship agreement ·/).waitFor();
    await card.getByRole('button', { name: 'Share with the network' }).click();
    await card.getByText(/Members of our networks will see/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.getByRole('group').getByRole('button', { name: 'Share with the network' }).click();
    await card.getByText('Shared with our networks').waitFor();

    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    const c = await createCase(harness.ctx, actor, {
      person: { givenName: 'Demo', familyName: 'Person 919', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(90), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'low' },
    });
    await page.goto(`/cases/${c.row.id}/work`);
    const guidance = page.getByRole('form', { name: 'Record a guidance session' });
    await guidance.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await guidance.getByLabel('Date', { exact: true }).fill(daysAgo(60));
    await guidance.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('region', { name: 'Guidance sessions' }).getByText('Attended').waitFor();

    const course = page.getByRole('form', { name: 'Record a course' });
    await course.getByLabel('Course title').fill('Demo kitchen assistant course');
    await course.getByLabel('Start date').fill(daysAgo(55));
    await course.getByRole('combobox', { name: 'Status' }).selectOption('completed');
    await course.getByLabel('Completed on').fill(daysAgo(20));
    await course.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('region', { name: 'Courses' })
      .getByText(/Demo kitchen assistant course/)
      .waitFor();

    const internship = page.getByRole('form', { name: 'Record an internship' });
    await internship.getByRole('combobox', { name: 'Employer' }).selectOption({ label: 'Demo Trattoria Sole 12' });
    await internship
      .getByRole('combobox', { name: 'Company tutor' })
      .selectOption({ label: 'Demo Tutor Rina · Head cook' });
    await internship.getByLabel('Start date').fill(daysAgo(15));
    // Eight months is longer than the country allows: said at the end date.
    await internship.getByLabel(/^End date/).fill(addMonths(daysAgo(15), 8));
    await internship.getByRole('button', { name: 'Save' }).click();
    const endOn = internship.getByRole('textbox', { name: /^End date/ });
    await expect.poll(() => endOn.getAttribute('aria-invalid')).toBe('true');
    expect(await internship.textContent()).toContain('longer than this country allows');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await endOn.fill(addMonths(daysAgo(15), 3));
    await internship.getByRole('button', { name: 'Save' }).click();
    const internships = page.getByRole('region', { name: 'Internships' });
    await internships.getByText(/Demo Trattoria Sole 12 · Company tutor: Demo Tutor Rina/).waitFor();

    const placement = page.getByRole('form', { name: 'Record a job placement' });
    await placement.getByRole('combobox', { name: 'Employer' }).selectOption({ label: 'Demo Trattoria Sole 12' });
    await placement.getByRole('combobox', { name: 'Contract type' }).selectOption('fixed_term');
    await placement.getByLabel('Start date').fill(daysAgo(5));
    await placement.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('region', { name: 'Job placements' })
      .getByText(/Fixed term/)
      .waitFor();

    const followUp = page.getByRole('form', { name: 'Record a follow-up' });
    for (const date of [daysAgo(3), daysAgo(1)]) {
      await expect.poll(() => followUp.getByRole('combobox', { name: 'Placement' }).locator('option').count()).toBe(2);
      await followUp.getByRole('combobox', { name: 'Placement' }).selectOption({ index: 1 });
      await followUp.getByLabel('Date', { exact: true }).fill(date);
      await followUp.getByRole('button', { name: 'Save' }).click();
      await page
        .getByRole('region', { name: 'Follow-ups after placement' })
        .getByText(new RegExp(`Still in work: Yes`))
        .first()
        .waitFor();
    }
    await expect
      .poll(() => page.getByRole('region', { name: 'Follow-ups after placement' }).locator('ul.entries > li').count())
      .toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    // On a phone, the Work tab and the directory read and pass axe too.
    const phone = await harness.newPage({ width: 390, height: 844 });
    await logIn(phone.page, 'caseworker@north.demo.test');
    await phone.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await phone.page.goto(`/cases/${c.row.id}/work`);
    await phone.page
      .getByRole('region', { name: 'Internships' })
      .getByText(/Demo Trattoria Sole 12/)
      .waitFor();
    expect(await seriousA11yViolations(phone.page)).toEqual([]);
    await phone.page.goto('/employers');
    await phone.page.getByRole('article', { name: 'Demo Trattoria Sole 12' }).waitFor();
    expect(await seriousA11yViolations(phone.page)).toEqual([]);
    await phone.context.close();
  }, 900_000);
});
