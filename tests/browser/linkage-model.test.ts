/**
 * The estimated linkage model in the browser: after a run, a coordinator reads m, u and the weight per field
 * and level, the thresholds and the expected precision and recall, in a captioned table and a labelled chart;
 * axe clean at laptop and phone width, and every heading of the panel in her language.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createCase } from '../../src/services/cases';
import { addEntry } from '../../src/services/case-entries';
import { runModelOf, runNetworkLinkage, type LinkageRunModel } from '../../src/services/linkage';
import { createEncoder } from '../../src/domain/linkage/encode';
import { linkNetwork } from '../../src/domain/linkage/pipeline';
import { generateSynthetic } from '../../src/domain/linkage/synthetic/generator';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo } from '../integration/support/dates';

let harness: Harness;
let model: LinkageRunModel;
beforeAll(async () => {
  harness = await startHarness();
  // A network big enough to estimate from costs minutes to enter case by case; the same EM on generated
  // records gives a real model, which the status answer carries (below) in place of the demo run's none.
  const records = generateSynthetic({ seed: 5, persons: 500, orgs: ['a', 'b'], presence: 0.7 });
  const encoder = createEncoder('linkage-model-browser-test-secret-0123');
  model = runModelOf(linkNetwork(records.map((r) => encoder.encode(r))).model)!;
  // The demo network's own run: two records, too few pairs to estimate a model from.
  await caseAt('caseworker@north.demo.test', 'Person 612');
  await caseAt('caseworker@south.demo.test', 'Person 612');
  await runNetworkLinkage(harness.ctx);
}, 300_000);
afterAll(async () => {
  await harness?.close();
});

async function caseAt(email: string, familyName: string) {
  const actor = await actorOf(harness, email);
  const created = await createCase(harness.ctx, actor, {
    person: { givenName: 'Demo', familyName, dateOfBirth: '1987-06-05', sex: 'female', citizenship: 'RO' },
    intake: { channel: 'hotline', contactDate: daysAgo(30), mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'low' },
  });
  await addEntry(harness.ctx, actor, created.row.id, 'consent', {
    purpose: 'network_deduplication',
    action: 'granted',
    language: 'en',
    interpreterUsed: false,
    recordedOn: daysAgo(30),
  });
}

/** The latest run as the server reports it, with the estimated model in place of its own. */
async function withEstimatedModel(page: Page) {
  await page.context().route('**/api/linkage/status', async (route) => {
    const real = await (await route.fetch()).json();
    await route.fulfill({ json: { ...real, lastRun: { ...real.lastRun, model } } });
  });
}

async function openLinkage(page: Page, viaMenu = false) {
  await logIn(page, 'coordinator@north.demo.test');
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  if (viaMenu) await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Record linkage', exact: true }).click();
  await page.getByRole('heading', { name: 'Record linkage across the network', level: 1 }).waitFor();
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every English message of the panel (placeholders left out), to be absent once the page is in another language. */
function englishOf(namespace: string, other: string): string[] {
  const read = (lang: string) => JSON.parse(readFileSync(`locales/${lang}/${namespace}.json`, 'utf8'));
  const flat = (tree: unknown, prefix = ''): [string, string][] =>
    typeof tree === 'string'
      ? [[prefix, tree]]
      : Object.entries(tree as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
  const translated = new Map(flat(read(other)));
  return flat(read('en'))
    .filter(([key, text]) => !text.includes('{{') && translated.get(key) !== text)
    .map(([, text]) => text);
}

describe('the estimated linkage model in the browser', () => {
  test('a coordinator reads the parameters, thresholds and expected quality of the last run', async () => {
    expect(model.fields.length).toBeGreaterThan(0);
    const { context, page } = await harness.newPage();
    await openLinkage(page);
    // Two records are too few to estimate from: the run says it was decided by the fixed thresholds.
    const panel = page.getByRole('region', { name: 'Estimated model' });
    await panel.getByText(/Too few candidate pairs to estimate weights from/).waitFor();

    await withEstimatedModel(page);
    await page.reload();
    const table = panel.getByRole('table', { name: 'Estimated parameters per field and comparison level' });
    await table.waitFor();
    for (const header of ['Field', 'Level', 'm (among matches)', 'u (among non-matches)', 'Weight (log₂ m/u)'])
      await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
    const levels = model.fields.reduce((n, f) => n + f.levels.length, 0);
    expect(await table.locator('tbody tr').count()).toBe(levels);
    for (const field of ['Given name', 'Surname', 'Date of birth', 'Sex', 'Citizenship', 'Place of birth'])
      expect(await table.getByText(field, { exact: true }).count(), field).toBe(1);
    // Every field and level in words, never a schema key.
    expect(await panel.textContent()).not.toMatch(/[a-z]_[a-z]/);
    // One row per level, its m, u and weight as the run estimated them.
    const surname = model.fields.findIndex((f) => f.field === 'surname');
    const exact = model.fields[surname].levels.find((l) => l.level === 'exact')!;
    const figure = (x: number) => x.toLocaleString('en', { maximumSignificantDigits: 3 });
    const exactRow = table.locator('tbody').nth(surname).locator('tr', { hasText: 'agreed exactly' });
    expect(await exactRow.textContent()).toMatch(
      new RegExp(`agreed exactly${[exact.m, exact.u, exact.weight].map((x) => escaped(figure(x))).join('')}$`),
    );

    const fact = async (term: string) =>
      (await panel.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent())!;
    const percentOf = (text: string) => Number(text.replace('%', '')) / 100;
    expect(percentOf(await fact('Expected precision'))).toBeCloseTo(model.expectedPrecision, 2);
    expect(percentOf(await fact('Expected recall'))).toBeCloseTo(model.expectedRecall, 2);
    expect(percentOf(await fact('Target precision'))).toBeCloseTo(model.targetPrecision, 2);
    expect(Number(await fact('Auto-link at match probability'))).toBeCloseTo(model.autoLinkThreshold, 3);
    expect(Number(await fact('Review from match probability'))).toBeCloseTo(model.reviewFloor, 3);
    await panel.getByRole('img', { name: /^Chart: the weight of each field when it agrees exactly/ }).waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/Person 612|1987-06-05/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // In French, nothing of the panel is left in English.
    const saved = () =>
      page.waitForResponse(
        (response) => response.url().endsWith('/api/account/preferences') && response.request().method() === 'PATCH',
      );
    const inFrench = saved();
    await page.getByLabel('Language').selectOption('fr');
    await inFrench;
    const french = page.getByRole('region', { name: 'Modèle estimé' });
    await french.getByRole('table', { name: 'Paramètres estimés par champ et niveau de comparaison' }).waitFor();
    await french.getByRole('columnheader', { name: 'Poids (log₂ m/u)' }).waitFor();
    await french.getByText('Précision attendue', { exact: true }).waitFor();
    await french.getByRole('img', { name: /^Graphique : le poids de chaque champ/ }).waitFor();
    const text = (await french.textContent())!;
    for (const english of englishOf('linkageModelUi', 'fr'))
      // A whole message, not letters of a longer word ("Sex" in "Sexe").
      expect(text, english).not.toMatch(new RegExp(`(?<!\\p{L})${escaped(english)}(?!\\p{L})`, 'u'));
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Back to English: the choice is stored with her account, and the phone test below logs her in again.
    const inEnglish = saved();
    await page.getByLabel('Langue').selectOption('en');
    await inEnglish;
    await context.close();
  });

  test('the model panel at phone width', async () => {
    const { context, page } = await harness.newPage({ width: 390, height: 844 });
    await withEstimatedModel(page);
    await openLinkage(page, true);
    const panel = page.getByRole('region', { name: 'Estimated model' });
    const table = panel.getByRole('table', { name: 'Estimated parameters per field and comparison level' });
    await table.waitFor();
    await panel.getByRole('img', { name: /^Chart: the weight of each field/ }).waitFor();
    await panel.locator('dt', { hasText: 'Expected recall' }).waitFor();
    // The wide table scrolls inside its own box; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // What sticks out, if anything, outside the boxes that scroll on their own.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''}`),
    );
    expect(overflow, wide.join(', ')).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
