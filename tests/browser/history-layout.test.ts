/**
 * History you can read, language on the server and layout (issue #16), in the browser: the audit page
 * filters by user, action and case reference and verifies the log; the language chosen is stored with
 * the account and applied at the next login in another browser; the navigation sits on one line at
 * 1366 × 768; a 200-character name without spaces never widens the page, on a laptop or a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCase } from '../../src/services/cases';
import { withSystem } from '../../src/storage/database';
import { auditRepo } from '../../src/storage/repositories/audit';
import { daysAgo } from '../integration/support/dates';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const LONG_NAME = `Demo${'Xylophoneq'.repeat(20)}`.slice(0, 200); // 200 characters, no space

/** The page is never wider than the window: nothing sticks out sideways. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the audit page', () => {
  test('filters by user, action and case reference, with names and labels, and verifies the log', async () => {
    const { context, page } = await harness.newPage(LAPTOP);
    const worker = await actorOf(harness, 'caseworker@north.demo.test');
    const { row: c } = await createCase(harness.ctx, worker, {
      person: { givenName: 'Demo', familyName: 'Audit 931', dateOfBirth: '1998-03-04', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(20), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'medium' },
    });
    // Enough entries for a second page: the caseworker read the case 60 times.
    await withSystem(harness.ctx.db, async (tx) => {
      for (let i = 0; i < 60; i++)
        await auditRepo.append(tx, {
          organisationId: worker.organisationId,
          actorUserId: worker.userId,
          action: 'case.read',
          entityType: 'case',
          entityId: c.id,
          fields: ['intake'],
        });
    });
    await logIn(page, 'auditor@north.demo.test');
    await page.getByRole('link', { name: 'Audit log' }).first().click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByText(/^1–\d+ of \d+$/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const table = page.getByRole('region', { name: 'Audit log' });
    // Labels and names, never raw codes or truncated ids.
    expect(await table.getByRole('cell', { name: 'case.create' }).count()).toBe(0);

    await page.getByLabel('User', { exact: true }).selectOption({ label: 'Demo Caseworker North' });
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Opened a case' });
    await page.getByLabel('Case reference').fill(c.reference);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1–1 of 1').waitFor();
    const row = table.getByRole('row').nth(1);
    await expect.poll(() => row.textContent()).toContain('Opened a case');
    expect(await row.textContent()).toContain('Demo Caseworker North');
    expect(await row.textContent()).toContain(c.reference);
    expect(await row.textContent()).not.toContain(c.id.slice(0, 8));
    // The export carries the same filters.
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toContain(`caseReference=${c.reference}`);
    expect(href).toContain('action=case.create');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(/^1–50 of \d+$/).waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(/^51–\d+ of \d+$/).waitFor();

    await page.getByRole('button', { name: 'Verify the log' }).click();
    const verdict = page.getByRole('status').filter({ hasText: 'Verified:' });
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/Verified: (\d+) entries, up to checkpoint \1\./);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('language', () => {
  test('the language chosen is stored with the account and applied at login in another browser', async () => {
    const first = await harness.newPage(LAPTOP);
    await logIn(first.page, 'legal_advisor@north.demo.test');
    await first.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const saved = first.page.waitForResponse(
      (r) => r.url().endsWith('/api/account/preferences') && r.request().method() === 'PATCH',
    );
    await first.page.getByLabel('Language').selectOption('fr');
    expect((await saved).status()).toBe(200);
    await first.page.getByRole('heading', { name: /Bienvenue/ }).waitFor();
    await first.context.close();

    // A fresh browser (no stored choice, an English locale) shows her language after login.
    const second = await harness.newPage(LAPTOP);
    await logIn(second.page, 'legal_advisor@north.demo.test');
    await second.page.getByRole('heading', { name: /Bienvenue/ }).waitFor();
    expect(await second.page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await seriousA11yViolations(second.page)).toEqual([]);
    await second.page.getByLabel('Langue').selectOption('en');
    await second.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await second.context.close();
  });
});

describe('layout', () => {
  test.each([
    ['an administrator', 'admin@north.demo.test'],
    ['a network administrator with the organisation switcher', 'network.admin@demo.test'],
  ])('at 1366 × 768 the navigation of %s sits on one line', async (_who, email) => {
    const { context, page } = await harness.newPage(LAPTOP);
    await logIn(page, email);
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    const boxes = await nav.getByRole('listitem').evaluateAll((items) =>
      items.map((li) => {
        const r = li.getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
      }),
    );
    expect(boxes.length).toBeGreaterThan(8);
    expect(new Set(boxes.map((b) => b.top)).size).toBe(1);
    // The tools sit beside the brand, and the page is not wider than the window.
    const tools = await page.locator('.header-tools').boundingBox();
    expect(tools!.y + tools!.height).toBeLessThanOrEqual(boxes[0].top + 1);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test.each([
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ])('a 200-character name without spaces never breaks the layout (%s)', async (_name, viewport) => {
    const worker = await actorOf(harness, 'caseworker@north.demo.test');
    const { row: c } = await createCase(harness.ctx, worker, {
      person: { givenName: LONG_NAME, familyName: LONG_NAME, dateOfBirth: '1997-05-06', sex: 'female' },
      intake: { channel: 'hotline', contactDate: daysAgo(10), mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'low' },
    });
    const { context, page } = await harness.newPage(viewport);
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${c.id}`);
    const heading = page.getByRole('heading', { level: 1 }).filter({ hasText: LONG_NAME.slice(0, 30) });
    await heading.waitFor();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    const box = await heading.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The case list, newest first, shows her name.
    await page.goto('/cases');
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await page.getByText(c.reference).first().waitFor();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

    // Required fields are marked: the label of a required control ends with a star.
    await page.goto('/cases/new');
    const label = page
      .locator('label.field')
      .filter({ has: page.locator('input:required') })
      .first();
    await label.waitFor();
    const star = await label
      .locator('span')
      .first()
      .evaluate((span) => getComputedStyle(span, '::after').content);
    expect(star).toContain('*');
    const optional = page
      .locator('label.field')
      .filter({ has: page.locator('input:not(:required)') })
      .first();
    if (await optional.count())
      expect(
        await optional
          .locator('span')
          .first()
          .evaluate((span) => getComputedStyle(span, '::after').content),
      ).not.toContain('*');
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
