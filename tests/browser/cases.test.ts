/** A caseworker's whole path through the UI: intake → identification → consent → plan → services → pause → reopen → close. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createCase, transitionCase } from '../../src/services/cases';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo } from '../integration/support/dates';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** An ISO date `years` years and `days` days before now (no test depends on today's date). */
function isoAgo(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function arrangeCase(familyName: string, dateOfBirth: string) {
  const actor = await actorOf(harness, 'caseworker@north.demo.test');
  return createCase(harness.ctx, actor, {
    person: { givenName: 'Demo', familyName, dateOfBirth, sex: 'female' },
    intake: { channel: 'hotline', contactDate: isoAgo(0, 30), mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'medium' },
  });
}

async function status(page: Page) {
  return (await page.getByTestId('case-status').textContent())?.trim();
}

async function moveTo(page: Page, option: string, extra?: (page: Page) => Promise<unknown>) {
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByLabel('Move to').selectOption({ label: option });
  if (extra) await extra(page);
  await page.getByRole('button', { name: 'Apply' }).click();
}

describe('case management in the browser', () => {
  test('a caseworker walks a case from intake to closure', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Intake
    await page.getByRole('link', { name: 'New intake' }).click();
    await page.getByLabel('Given name').fill('Demo');
    await page.getByLabel('Family name').fill('Person 950');
    await page.getByLabel('Date of birth').fill('2001-02-03');
    await page.getByLabel('Citizenship').fill('md');
    await page.getByLabel('How the person wants to be called').selectOption({ label: 'survivor' });
    await page.getByLabel('Identification channel').selectOption({ label: 'Hotline' });
    await page.getByRole('checkbox', { name: 'Shelter' }).check();
    await page.getByLabel('Safety risk').selectOption({ label: 'High' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: 'Demo Person 950 · survivor', level: 1 }).waitFor();
    expect(await status(page)).toBe('First contact');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Identification: the derivation is shown
    await page.getByRole('link', { name: 'Identification' }).click();
    await page.getByRole('checkbox', { name: 'Recruitment' }).check();
    await page.getByRole('checkbox', { name: 'Deception' }).check();
    await page.getByRole('checkbox', { name: 'Forced labour or services' }).check();
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText('The legal definition is met.').waitFor();
    await page.getByText('Because a means was used, any consent the person gave is irrelevant.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Consent: grant, then withdraw
    await page.getByRole('link', { name: 'Consent' }).click();
    await page.getByText('Assistance never depends on cooperating with the police.', { exact: false }).waitFor();
    await page.getByLabel('Purpose').selectOption({ label: 'Follow-up contact' });
    await page.getByLabel('Language of the explanation').fill('ro');
    await page.getByRole('button', { name: 'Record consent given' }).click();
    await page.getByRole('status').filter({ hasText: 'Consent recorded.' }).waitFor();
    await page.getByText('Follow-up contact: given').waitFor();
    await page.getByRole('button', { name: 'Withdraw' }).click();
    // Consequential: it asks first, saying what stops at once.
    await page.getByText(/At once, no follow-up assessment is due or shown on the agenda/).waitFor();
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await page.getByText('Follow-up contact: withdrawn').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The same choice as an opt-out recorded with her outcomes: the follow-up schedule has stopped.
    await page.getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('button', { name: 'Follow-up' }).click();
    await page.getByText(/The person opted out of follow-up/).waitFor();
    expect(await page.getByRole('heading', { name: 'Schedule a follow-up' }).count()).toBe(0);

    // Plan
    await page.getByRole('link', { name: 'Plan' }).click();
    await page.getByLabel('Objective', { exact: true }).fill('Health check-up');
    await page.getByLabel('Micro-objectives').fill('Book an appointment\nGo with a mediator');
    await page.getByRole('button', { name: 'Add objective' }).first().click();
    await page.getByText('Health check-up · open').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Services
    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByRole('combobox', { name: /^Service/ }).selectOption({ label: 'Psychological counselling' });
    await page.getByRole('button', { name: 'Log service' }).first().click();
    await page.getByRole('region', { name: 'Services delivered' }).getByText('Psychological counselling').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Pause with a reason, reopen with a note, close with a reason
    await moveTo(page, 'Paused', (p) =>
      p.getByLabel('Why is the case paused?').selectOption({ label: 'Lost contact' }),
    );
    await expect.poll(() => status(page)).toBe('Paused');
    await moveTo(page, 'Reopen', (p) => p.getByLabel('Why is it reopened?').fill('She called the hotline again'));
    await expect.poll(() => status(page)).toBe('First contact');
    await moveTo(page, 'Closed', (p) =>
      p.getByLabel('Why is the case closed?').selectOption({ label: 'Programme completed' }),
    );
    // Closing asks first, saying what will happen.
    await page.getByText('Close this case?', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Close the case' }).click();
    await expect.poll(() => status(page)).toBe('Closed');
    await page.getByText('This case is closed and read-only.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Services' }).click();
    expect(await page.getByRole('button', { name: 'Log service' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The new case is found by name search
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByLabel('Name or case reference').fill('Demo Person 950');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('cell', { name: /Demo Person 950/ }).waitFor();
    await context.close();
  });

  test('outcomes: baseline and follow-up render a chart per dimension, on a phone', async () => {
    const { context, page } = await harness.newPage({ width: 375, height: 800 });
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto('/cases/new');
    await page.getByLabel('Given name').fill('Demo');
    await page.getByLabel('Family name').fill('Person 951');
    await page.getByLabel('Identification channel').selectOption({ label: 'Outreach unit' });
    await page.getByLabel('Date of first contact').fill(daysAgo(325));
    await page.getByLabel('Safety risk').selectOption({ label: 'Low' });
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: /Demo Person 951/, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('heading', { name: 'Record the baseline assessment' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill(daysAgo(303));
    await page.getByLabel('Self-esteem and self-cohesion').selectOption('1');
    await page.getByLabel('A place to live').selectOption('3');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByRole('heading', { name: 'Record a follow-up assessment' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill(daysAgo(183));
    await page.getByLabel('Self-esteem and self-cohesion').selectOption('3');
    await page.getByLabel('A place to live').selectOption('1');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByRole('heading', { name: /Change since the baseline/ }).waitFor();
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('minor at the time of the acts: the acts date with a field-level error, and the same derivation in the identification tab and the overview', async () => {
    // 19 today, 16 when the acts began.
    const c = await arrangeCase('Person 960', isoAgo(19, 10));
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${c.row.id}/identification`);
    await page.getByRole('checkbox', { name: 'Recruitment' }).check();
    await page.getByRole('checkbox', { name: 'Forced labour or services' }).check();
    const actsDate = page.getByLabel('Date of the acts');
    await actsDate.fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByText('This date is in the future.').waitFor();
    expect(await actsDate.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await actsDate.fill(isoAgo(3));
    await page
      .getByRole('group', { name: 'Under 18 at the time of the acts' })
      .getByRole('radio', { name: /^Not known/ })
      .check();
    await page.getByRole('button', { name: 'Save assessment' }).click();
    const derivation = page.getByTestId('palermo-derivation');
    await derivation.getByText('The legal definition is met.').waitFor();
    await derivation.getByText('Means not required: the person was under 18 at the time of the acts.').waitFor();
    await derivation.getByText("a child's consent never negates trafficking", { exact: false }).waitFor();
    const inTab = await derivation.innerText();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Change status' }).waitFor();
    expect(await page.getByTestId('palermo-derivation').innerText()).toBe(inTab);
    await context.close();
  });

  test('a closed case offers a new case for her, after a confirmation, bound to the same person; on a phone', async () => {
    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    const first = await arrangeCase('Person 961', '1996-07-08');
    await transitionCase(harness.ctx, actor, first.row.id, {
      to: 'closed',
      reason: 'programme_completed',
      version: first.row.version,
    });
    const { context, page } = await harness.newPage({ width: 375, height: 800 });
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${first.row.id}`);
    await page.getByRole('button', { name: 'Open a new case for this person' }).click();
    await page.getByText('Open a new case for Demo Person 961?', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Cancel goes back without doing anything.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Open a new case for this person' }).click();
    await page.getByRole('button', { name: 'Yes, open a new case' }).click();

    await page.getByRole('heading', { name: 'New case for Demo Person 961', level: 1 }).waitFor();
    expect(await page.getByLabel('Given name').count()).toBe(0);
    await page.getByLabel('Identification channel').selectOption({ label: 'Self-referral' });
    await page.getByLabel('Safety risk').selectOption({ label: 'Low' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Open the case' }).click();

    await page.getByRole('heading', { name: 'Demo Person 961', level: 1 }).waitFor();
    await page.waitForURL(
      (url) => !url.pathname.endsWith(first.row.id) && /\/cases\/[0-9a-f-]{36}$/.test(url.pathname),
    );
    expect(await status(page)).toBe('First contact');
    const history = page.getByRole('region', { name: 'Other cases of this person' });
    await history.getByRole('link', { name: first.row.reference }).waitFor();
    await history.getByText('Closed', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Back on the closed case: the open one is offered, not another duplicate.
    await history.getByRole('link', { name: first.row.reference }).click();
    await page.getByText('This person already has an open case', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Open a new case for this person' }).count()).toBe(0);
    await context.close();
  });
});
