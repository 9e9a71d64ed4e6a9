/** Referral across two demo organisations in the browser: refer → accept → add a service → complete, then transfer; the network view. */
import { mkdirSync } from 'node:fs';
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

async function newCaseWithSharingConsent(page: Page, familyName: string) {
  await page.goto('/cases/new');
  await page.getByLabel('Given name').fill('Demo');
  await page.getByLabel('Family name').fill(familyName);
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

async function send(
  page: Page,
  kind: 'Referral (a service; the case stays here)' | 'Transfer (the partner becomes the owner)',
  withIdentity = false,
) {
  await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Referrals' }).click();
  // A re-render while the case's data is refetched (after the consent) can reset the form under the test:
  // fill it until the choices stick, else the browser refuses to submit the empty required field silently.
  const partner = page.getByLabel('Partner organisation');
  const service = page.getByLabel('Requested service');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await partner.selectOption({ label: 'Demo Outreach South' });
    await page.getByLabel('Kind').selectOption({ label: kind });
    await service.selectOption({ label: 'Legal counselling' });
    await page.waitForTimeout(200);
    if ((await partner.inputValue()) && (await service.inputValue())) break;
  }
  if (withIdentity) await page.getByRole('checkbox', { name: 'Identity (name, date of birth)' }).check();
  await page.getByRole('button', { name: 'Send' }).click();
  // Sent, or the server's refusal on the page: a refusal fails here with its own words.
  const sent = page.getByRole('status').filter({ hasText: 'Sent.' });
  const refused = page.getByRole('alert').first();
  const outcome = await Promise.race(
    [
      sent.waitFor().then(() => 'sent'),
      refused.waitFor().then(async () => `refused: ${await refused.textContent()}`),
    ].map((waiting) => waiting.catch((e: Error) => `not sent: ${e.message.split('\n')[0]}`)),
  );
  expect(outcome).toBe('sent');
}

/** Opens the pending incoming referral of this kind (each test run sends at most one pending per kind). */
async function openIncoming(page: Page, kind: 'Referral' | 'Transfer') {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Referrals' }).click();
  const row = page
    .getByRole('region', { name: 'Incoming' })
    .getByRole('row')
    .filter({ hasText: 'Pending' })
    .filter({ hasText: kind });
  await row.first().getByRole('link').click();
}

describe('referrals in the browser', () => {
  test('refer → accept → add a service → complete, then transfer → the new owner continues', async () => {
    const north = await harness.newPage();
    const south = await harness.newPage();
    await logIn(north.page, 'caseworker@north.demo.test');
    await north.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await logIn(south.page, 'caseworker@south.demo.test');
    await south.page.getByRole('heading', { name: /Welcome/ }).waitFor();

    await newCaseWithSharingConsent(north.page, 'Person 960');
    await send(north.page, 'Referral (a service; the case stays here)');

    // The receiving side is notified on its dashboard (codes and names of organisations only).
    await south.page.goto('/');
    await south.page.getByText('Demo Shelter North sent a referral: Legal counselling').first().waitFor();
    await openIncoming(south.page, 'Referral');
    await south.page.getByRole('heading', { name: 'What was shared' }).waitFor();
    expect(await south.page.getByText('Person 960').count()).toBe(0);
    expect(await seriousA11yViolations(south.page)).toEqual([]);
    await south.page.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => south.page.getByTestId('referral-status').textContent()).toBe('Accepted');
    await south.page.getByRole('combobox', { name: /^Service/ }).selectOption({ label: 'Legal counselling' });
    await south.page.getByRole('button', { name: 'Log service' }).click();
    await south.page
      .getByRole('region', { name: /Our records/ })
      .getByText('Legal counselling')
      .waitFor();
    await south.page.getByRole('button', { name: 'Mark completed' }).click();
    // Completing ends the referral for both sides: it is confirmed first.
    await south.page.getByRole('button', { name: 'Yes, mark completed' }).click();
    await expect.poll(() => south.page.getByTestId('referral-status').textContent()).toBe('Completed');

    // The sender sees the status, not the receiver's records.
    await north.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Referrals' })
      .click();
    // The row's first link opens the referral (the second is her case reference).
    await north.page
      .getByRole('region', { name: 'Outgoing' })
      .getByRole('row')
      .nth(1)
      .getByRole('link')
      .first()
      .click();
    await expect.poll(() => north.page.getByTestId('referral-status').textContent()).toBe('Completed');
    expect(
      await north.page
        .getByRole('region', { name: /Our records/ })
        .getByText('Legal counselling')
        .count(),
    ).toBe(0);

    // Transfer: the partner becomes owner of a new case.
    await newCaseWithSharingConsent(north.page, 'Person 961');
    await send(north.page, 'Transfer (the partner becomes the owner)', true);
    await openIncoming(south.page, 'Transfer');
    await south.page.getByText('Demo Person 961').waitFor();
    await south.page.getByRole('button', { name: 'Accept' }).click();
    // Accepting a transfer moves her case: it is confirmed first.
    await south.page.getByRole('button', { name: 'Yes, accept the transfer' }).click();
    await south.page.getByRole('link', { name: 'Open the new case' }).click();
    await south.page.getByRole('heading', { name: /Demo Person 961/, level: 1 }).waitFor();
    await south.page.getByRole('link', { name: 'Services' }).click();
    await south.page.getByRole('combobox', { name: /^Service/ }).selectOption({ label: 'Social counselling' });
    await south.page.getByRole('button', { name: 'Log service' }).first().click();
    await south.page.getByRole('region', { name: 'Services delivered' }).getByText('Social counselling').waitFor();
    await north.context.close();
    await south.context.close();
  });

  test('her withdrawal shows on both sides at once; the consent form sends a partner only for referral sharing', async () => {
    const north = await harness.newPage();
    const south = await harness.newPage({ width: 390, height: 844 });
    await logIn(north.page, 'caseworker@north.demo.test');
    await north.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await logIn(south.page, 'caseworker@south.demo.test');
    await south.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await newCaseWithSharingConsent(north.page, 'Person 962');

    // A partner picked for referral sharing is dropped, and hidden, once the purpose changes.
    await north.page.getByLabel('Purpose').selectOption({ label: 'Sharing with a named partner for referral' });
    await north.page.getByLabel('Partner organisation').selectOption({ label: 'Demo Legal Aid East' });
    await north.page.getByLabel('Purpose').selectOption({ label: 'Network deduplication (encoded, no names)' });
    expect(await north.page.getByLabel('Partner organisation').count()).toBe(0);
    await north.page.getByLabel('Language of the explanation').fill('en');
    const posted = north.page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/entries'));
    await north.page.getByRole('button', { name: 'Record consent given' }).click();
    const body = (await posted).postDataJSON() as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({ purpose: 'network_deduplication', action: 'granted' });
    expect(body.data).not.toHaveProperty('partnerOrganisationId');
    await north.page
      .getByRole('listitem')
      .filter({ hasText: 'Network deduplication' })
      .filter({ hasText: 'given' })
      .waitFor();
    expect(
      await north.page
        .getByRole('listitem')
        .filter({ hasText: 'Network deduplication' })
        .filter({ hasText: 'Demo' })
        .count(),
    ).toBe(0);

    await send(north.page, 'Referral (a service; the case stays here)');
    await north.page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Consent' }).click();
    await north.page
      .getByRole('listitem')
      .filter({ hasText: 'Sharing with a named partner' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await north.page.getByText("Withdraw the person's consent to share with Demo Outreach South?").waitFor();
    await north.page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await north.page
      .getByRole('listitem')
      .filter({ hasText: 'Sharing with a named partner' })
      .filter({ hasText: 'withdrawn' })
      .waitFor();

    // The sender's case shows it on its Referrals tab.
    await north.page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Referrals' })
      .click();
    await north.page
      .getByTestId('referral-consent-withdrawn')
      .getByText('Demo Outreach South no longer sees what was shared')
      .waitFor();

    // The partner, on a phone: told on the dashboard, and the referral page says why nothing is shown.
    await south.page.goto('/');
    await south.page.getByText('Consent withdrawn: the referral from Demo Shelter North').first().waitFor();
    await south.page.goto('/referrals');
    await south.page
      .getByRole('region', { name: 'Incoming' })
      .getByRole('row')
      .filter({ hasText: 'Consent withdrawn' })
      .first()
      .getByRole('link')
      .click();
    await south.page
      .getByTestId('consent-withdrawn')
      .getByText('The person withdrew their consent to share with your organisation')
      .waitFor();
    expect(await south.page.getByTestId('referral-status').textContent()).toBe('Consent withdrawn');
    expect(await south.page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    expect(await south.page.getByText('Person 962').count()).toBe(0);
    expect(await seriousA11yViolations(south.page)).toEqual([]);
    await north.context.close();
    await south.context.close();
  });

  test('a coordinator sees the network graph and the coverage gaps (screenshot)', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Network', exact: true }).click();
    await page.getByTestId('network-graph').locator('canvas').first().waitFor();
    await page.getByRole('table').getByText('No provider').first().waitFor();
    expect(await page.getByRole('table').getByText('full (1)').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    const shot = await page.screenshot({ path: 'test-results/network.png', fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
    await context.close();
  });
});
