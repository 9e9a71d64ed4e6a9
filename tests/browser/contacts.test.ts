/**
 * The contact log and hotline hand-offs in the browser (issue #18): a caseworker of North records two
 * contacts under one nickname from the quick form, sees them in one chain, makes a case of the chain
 * (choosing what carries over, then confirming) and finds the contact history on the case page; then
 * she hands a hotline call to a local post of the network from the contact's link, and South's
 * caseworker accepts it on /handoffs. axe checks each page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const NICKNAME = 'Demo-Lilac-42';

async function recordContact(
  page: Page,
  c: { kind: string; place: string; nickname?: string; note?: string; language?: string },
): Promise<void> {
  const form = page.getByRole('region', { name: 'Record a contact' });
  await form.getByRole('radio', { name: c.kind }).check();
  await form.getByRole('combobox', { name: 'Place is a' }).selectOption('municipality');
  await form.getByRole('textbox', { name: /^Place/ }).fill(c.place);
  if (c.language) await form.getByRole('textbox', { name: 'Language' }).fill(c.language);
  await form.getByRole('group', { name: 'What was given' }).getByRole('checkbox').first().check();
  await form.getByRole('group', { name: 'Needs she expressed' }).getByRole('checkbox').first().check();
  if (c.nickname) await form.getByRole('textbox', { name: /^Nickname/ }).fill(c.nickname);
  if (c.note) await form.getByLabel('What she chose to tell (optional)').fill(c.note);
  await form.getByRole('button', { name: 'Save contact' }).click();
  await form.getByRole('status').filter({ hasText: 'Contact saved.' }).waitFor();
}

describe('contacts and hand-offs in the browser', () => {
  test('two contacts under one nickname become a case with their history; a hotline call is handed off and accepted', async () => {
    const { context, page } = await harness.newPage({ width: 1366, height: 768 });
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contact log', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await recordContact(page, { kind: 'Outreach', place: 'Demo Town', nickname: NICKNAME, note: 'Demo note one' });
    await recordContact(page, { kind: 'Drop-in visit', place: 'Demo Town', nickname: NICKNAME });
    const chain = page.getByRole('region', { name: 'Her contacts' });
    await chain.waitFor();
    await expect.poll(() => chain.getByRole('listitem').count()).toBe(2);
    expect(await chain.textContent()).toContain('Drop-in visit');
    expect(await chain.textContent()).toContain('Outreach');
    // The log lists both under her nickname.
    const log = page.getByRole('region', { name: 'Contacts' });
    await expect.poll(() => log.getByRole('row', { name: new RegExp(NICKNAME) }).count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await chain.getByRole('button', { name: 'Make a case' }).click();
    const make = page.getByRole('form', { name: 'Make a case' });
    await make.getByRole('textbox', { name: /^Name she gives/ }).fill('Demo Lilac');
    await make.getByRole('combobox', { name: /^Risk level/ }).selectOption({ index: 1 });
    await make.getByRole('checkbox', { name: 'The language of her contacts' }).uncheck();
    await make.getByRole('checkbox', { name: /^What she told on/ }).check();
    await make.getByRole('textbox', { name: /^Language the consent was explained in/ }).fill('en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await make.getByRole('button', { name: 'Make a case' }).click();
    await make.getByRole('group', { name: /her 2 contacts are linked/ }).waitFor();
    await make.getByRole('button', { name: 'Open the case' }).click();
    await page.waitForURL(/\/cases\/[^/]+\/contacts$/);
    const history = page.getByRole('heading', { name: 'Contact history' });
    await history.waitFor();
    const items = page.locator('ol.chain > li');
    await expect.poll(() => items.count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A hotline call, handed to a local post of the network from the contact's own link.
    await page.goto('/contacts');
    await page.getByRole('heading', { name: 'Contact log', level: 1 }).waitFor();
    await recordContact(page, { kind: 'Hotline call', place: 'Demo City', language: 'fr' });
    const call = page.getByRole('region', { name: 'Her contacts' });
    await call.getByRole('link', { name: 'Hand off to a local post' }).click();
    await page.waitForURL(/\/contacts\/[^/]+\/handoff$/);
    await page.getByRole('heading', { name: 'Hand off to a local post', level: 1 }).waitFor();
    const south = page.getByRole('radio', { name: /Demo Outreach South/ });
    await south.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await south.check();
    await page.getByRole('button', { name: 'Hand off', exact: true }).click();
    await page.getByRole('group', { name: /without her identity/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page
      .getByRole('group', { name: /without her identity/ })
      .getByRole('button', { name: 'Hand off' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Handed off to Demo Outreach South' }).waitFor();
    await page.goto('/handoffs');
    await page.getByRole('heading', { name: 'Hand-offs', level: 1 }).waitFor();
    // The demo data holds a hand-off to South of its own: this one is the call from Demo City.
    await page
      .getByTestId('outgoing-handoff')
      .filter({ hasText: 'Demo City' })
      .getByRole('heading', { name: 'To Demo Outreach South' })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    // South's caseworker accepts it, after a confirmation, on a phone.
    const other = await harness.newPage({ width: 390, height: 844 });
    await logIn(other.page, 'caseworker@south.demo.test');
    await other.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await other.page.goto('/handoffs');
    await other.page.getByRole('heading', { name: 'Hand-offs', level: 1 }).waitFor();
    const incoming = other.page
      .getByTestId('incoming-handoff')
      .filter({ hasText: 'From Demo Shelter North' })
      .filter({ hasText: 'Demo City' });
    await incoming.waitFor();
    expect(await incoming.textContent()).toContain('Waiting for an answer');
    expect(await incoming.textContent()).not.toContain(NICKNAME);
    expect(await seriousA11yViolations(other.page)).toEqual([]);
    await incoming.getByRole('button', { name: 'Accept' }).click();
    await incoming
      .getByRole('group', { name: /Accept this hand-off/ })
      .getByRole('button', { name: 'Accept' })
      .click();
    await expect.poll(() => incoming.textContent()).toContain('Accepted');
    expect(await seriousA11yViolations(other.page)).toEqual([]);
    // Accepted, the call is in South's own contact log.
    await other.page.goto('/contacts');
    await other.page.getByRole('heading', { name: 'Contact log', level: 1 }).waitFor();
    await other.page.getByRole('row', { name: /Hotline call.*Demo City/ }).waitFor();
    expect(await seriousA11yViolations(other.page)).toEqual([]);
    await other.context.close();
  }, 240_000);
});
