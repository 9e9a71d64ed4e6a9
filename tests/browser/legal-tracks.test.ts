/**
 * Legal tracks in the browser (issue #17): an administrator adds Belgium's track on Settings →
 * Legal tracks (a field error first, at its field); a caseworker records Belgium's reflection period
 * on the case's legal tab, sees the end the rule computes before saving and the step in the list,
 * and finds the deadline on her dashboard's agenda. axe checks each page, on a laptop and a phone.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

describe('legal tracks in the browser', () => {
  test("an administrator adds a country's track; a caseworker's reflection period there reaches her agenda", async () => {
    const admin = await harness.newPage({ width: 1366, height: 768 });
    await logIn(admin.page, 'admin@north.demo.test');
    await admin.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await admin.page.goto('/settings/legal-tracks');
    await admin.page.getByRole('heading', { name: 'Legal tracks', level: 2 }).waitFor();
    await admin.page.getByRole('heading', { name: /Italy \(IT\)/ }).waitFor();
    expect(await admin.page.getByRole('row', { name: /Art\. 13 programme/ }).textContent()).toContain('3 months');
    expect(await seriousA11yViolations(admin.page)).toEqual([]);

    const form = admin.page.getByRole('form', { name: "Add a country's track" });
    await form.getByLabel('Country code (two letters, e.g. BE)').fill('BE');
    await form.getByLabel('Name in English').fill('Belgium');
    await form.getByLabel('Name in French').fill('Belgique');
    await form.getByLabel(/^Step code/).fill('reflection');
    // No step name yet: the server's field error appears at the field.
    await form.getByRole('button', { name: 'Add the track' }).click();
    const stepName = form.getByRole('textbox', { name: 'Step name' });
    await expect.poll(() => stepName.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    await stepName.fill('Reflection period (30 days)');
    await form.getByRole('button', { name: 'Add the track' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'The track of BE was added.' }).waitFor();
    await admin.page.getByRole('heading', { name: /Belgium \(BE\)/ }).waitFor();
    await admin.context.close();

    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    const c = await createCase(harness.ctx, actor, {
      person: { givenName: 'Demo', familyName: 'Person 977', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(30), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'medium' },
    });
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const { context, page } = await harness.newPage(viewport);
      await logIn(page, 'caseworker@north.demo.test');
      await page.getByRole('heading', { name: /Welcome/ }).waitFor();
      await page.goto(`/cases/${c.row.id}/legal`);
      const legal = page.getByRole('form', { name: 'Add legal event' });
      await legal.waitFor();
      if (viewport.width > 1000) {
        await legal.getByRole('combobox', { name: 'Event' }).selectOption('reflection_period');
        await legal.getByLabel('Date', { exact: true }).fill(daysAgo(20));
        await legal.getByRole('combobox', { name: 'Country' }).selectOption('BE');
        await legal.getByRole('status').filter({ hasText: 'Ends on' }).waitFor();
        expect(await seriousA11yViolations(page)).toEqual([]);
        await legal.getByRole('button', { name: 'Add legal event' }).click();
      }
      await page
        .getByText(/Reflection period \(30 days\)/)
        .first()
        .waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.goto('/');
      await page.getByRole('heading', { name: 'Agenda' }).waitFor();
      await page.getByText('Reflection period ends').first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    }
  }, 180_000);
});
