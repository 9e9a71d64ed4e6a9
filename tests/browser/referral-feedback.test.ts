/**
 * Referral details and feedback in the browser (issue #16): a referral with a message, an urgency and a
 * requested-by date is seen by the partner with the identity facts she agreed to share; an implausible
 * date comes back to its own field (aria-invalid, described by the message); withdrawing her consent asks
 * first, and Cancel changes nothing. Axe checks on each screen.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const MESSAGE = 'Demo message 4410: she prefers a female lawyer; mornings only.';
/** A day two weeks from the browser's today, as the date input takes it (YYYY-MM-DD). */
const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

async function newCaseWithSharingConsent(page: Page, familyName: string) {
  await page.goto('/cases/new');
  await page.getByLabel('Given name').fill('Demo');
  await page.getByLabel('Family name').fill(familyName);
  await page.getByLabel('Date of birth').fill('1991-03-15');
  await page.getByLabel('Citizenship').fill('MD');
  await page.getByLabel('Identification channel').selectOption({ label: 'Hotline' });
  await page.getByLabel('Safety risk').selectOption({ label: 'Medium' });
  await page.getByRole('button', { name: 'Open the case' }).click();
  await page.getByRole('heading', { name: new RegExp(familyName), level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Consent' }).click();
  await page.getByLabel('Purpose').selectOption({ label: 'Sharing with a named partner for referral' });
  await page.getByLabel('Partner organisation').selectOption({ label: 'Demo Outreach South' });
  await page.getByLabel('Language of the explanation').fill('en');
  await page.getByRole('button', { name: 'Record consent given' }).click();
  await page.getByRole('status').filter({ hasText: 'Consent recorded.' }).waitFor();
}

/** Fills the referral form until its choices stick (a refetch after the consent may reset it once). */
async function fillReferral(page: Page, requestedBy: string) {
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Referrals' }).click();
  const partner = page.getByLabel('Partner organisation');
  const service = page.getByLabel('Requested service');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await partner.selectOption({ label: 'Demo Outreach South' });
    await service.selectOption({ label: 'Legal counselling' });
    await page.waitForTimeout(200);
    if ((await partner.inputValue()) && (await service.inputValue())) break;
  }
  await page.getByLabel('Urgency').selectOption({ label: 'Urgent' });
  await page.getByLabel('Needed by').fill(requestedBy);
  await page.getByLabel('Message to the partner').fill(MESSAGE);
  await page.getByRole('checkbox', { name: 'Identity (name, date of birth)' }).check();
}

describe('referral details and feedback in the browser', () => {
  test('an implausible date reaches its field; the partner sees the message, urgency and shared identity', async () => {
    const north = await harness.newPage();
    const south = await harness.newPage();
    await logIn(north.page, 'caseworker@north.demo.test');
    await north.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await logIn(south.page, 'caseworker@south.demo.test');
    await south.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await newCaseWithSharingConsent(north.page, 'Person 970');

    // Years ahead: refused by the server, and the message sits at "Needed by", not only in a general alert.
    await fillReferral(north.page, '2090-01-01');
    await north.page.getByRole('button', { name: 'Send' }).click();
    const neededBy = north.page.getByLabel('Needed by');
    await expect.poll(() => neededBy.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await neededBy.getAttribute('aria-describedby')) ?? '';
    const fieldMessages = await Promise.all(
      describedBy
        .split(' ')
        .filter(Boolean)
        .map((id) => north.page.locator(`[id="${id}"]`).textContent()),
    );
    expect(fieldMessages.join(' ')).toContain('This date is not plausible');
    await north.page.getByRole('alert').filter({ hasText: 'This date is not plausible' }).waitFor();
    // Never a success beside the error, and nothing was sent.
    expect(await north.page.getByRole('status').filter({ hasText: 'Sent.' }).count()).toBe(0);
    expect(await north.page.getByTestId('case-referrals').count()).toBe(0);
    expect(await seriousA11yViolations(north.page)).toEqual([]);

    // Corrected, it goes; the form is cleared for the next referral and the case lists it as urgent.
    await neededBy.fill(inTwoWeeks());
    await north.page.getByRole('button', { name: 'Send' }).click();
    await north.page.getByRole('status').filter({ hasText: 'Sent.' }).waitFor();
    expect(await neededBy.getAttribute('aria-invalid')).toBeNull();
    expect(await north.page.getByRole('alert').count()).toBe(0);
    expect(await north.page.getByLabel('Message to the partner').inputValue()).toBe('');
    await north.page.getByTestId('case-referrals').getByText('Urgent').waitFor();

    // The sender's list names her case reference and the urgency.
    await north.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Referrals' })
      .click();
    const outgoing = north.page.getByRole('region', { name: 'Outgoing' }).getByTestId('referral-row').first();
    await outgoing.getByText('Urgent').waitFor();
    expect(await outgoing.getByRole('link').nth(1).textContent()).toMatch(/\S/);

    // The partner: urgency in the list, filterable; the message and the shared identity facts in the referral.
    await south.page.goto('/referrals');
    const incoming = south.page.getByRole('region', { name: 'Incoming' });
    await incoming.getByTestId('referral-row').filter({ hasText: 'Urgent' }).first().waitFor();
    await south.page.getByLabel('Urgency').selectOption({ label: 'Emergency' });
    await expect.poll(() => incoming.getByTestId('referral-row').filter({ hasText: 'Urgent' }).count()).toBe(0);
    await south.page.getByLabel('Urgency').selectOption({ label: 'Urgent' });
    const row = incoming.getByTestId('referral-row').filter({ hasText: 'Urgent' }).first();
    // The receiver never sees the sender's case reference.
    expect(await row.getByRole('link').count()).toBe(1);
    expect(await seriousA11yViolations(south.page)).toEqual([]);
    await row.getByRole('link').click();
    await south.page.getByTestId('referral-message').getByText(MESSAGE).waitFor();
    expect(await south.page.getByTestId('referral-urgency').textContent()).toBe('Urgent');
    await south.page.getByText('Demo Person 970').waitFor();
    expect(await south.page.getByTestId('snapshot-citizenship').textContent()).toBe('MD');
    expect(await south.page.getByTestId('snapshot-dob').textContent()).toMatch(/1991/);
    expect(await south.page.getByTestId('snapshot-minor').textContent()).toBe('No');
    expect(await seriousA11yViolations(south.page)).toEqual([]);

    // Marking it completed asks first, saying what will happen.
    await south.page.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => south.page.getByTestId('referral-status').textContent()).toBe('Accepted');
    await south.page.getByRole('button', { name: 'Mark completed' }).click();
    await south.page.getByText('The sending organisation is told that the service was delivered').waitFor();
    await south.page.getByRole('button', { name: 'Yes, mark completed' }).click();
    await expect.poll(() => south.page.getByTestId('referral-status').textContent()).toBe('Completed');
    await north.context.close();
    await south.context.close();
  });

  test("withdrawing the person's consent asks first and says what will happen; Cancel changes nothing", async () => {
    const { context, page } = await harness.newPage({ width: 390, height: 844 });
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await newCaseWithSharingConsent(page, 'Person 971');
    const consent = page.getByRole('listitem').filter({ hasText: 'Sharing with a named partner' });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/entries')) posts.push(r.url());
    });

    await consent.getByRole('button', { name: 'Withdraw' }).click();
    const question = page
      .getByRole('group')
      .filter({ hasText: "Withdraw the person's consent to share with Demo Outreach South?" });
    await question.getByText('open referrals to it end').waitFor();
    // The confirming button takes the focus, Cancel sits beside it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Yes, withdraw');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await question.count()).toBe(0);
    expect(posts).toEqual([]);
    await consent.filter({ hasText: 'given' }).waitFor();

    await consent.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await consent.filter({ hasText: 'withdrawn' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Withdrawal recorded' }).waitFor();
    expect(posts).toHaveLength(1);
    await context.close();
  });
});
