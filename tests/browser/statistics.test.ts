/** A coordinator reads honest statistics: what is counted, suppressed cells, the registry's recast figures, and MSE. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addEntry } from '../../src/services/case-entries';
import { createCase } from '../../src/services/cases';
import { actorOf, logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';
import { daysAgo } from '../integration/support/dates';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('statistics in the browser', () => {
  test('report, registry and MSE', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'What this counts' }).waitFor();
    await page.getByText('Persons, not cases').waitFor();
    await page.getByLabel('Who is counted').selectOption({ label: 'Persons assisted' });
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('region', { name: 'Report table' }).waitFor();
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain('format=csv');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'Estimates' }).click();
    await page.getByRole('heading', { name: 'Registry of estimates' }).waitFor();
    await page.getByRole('checkbox', { name: 'Only figures recast along their citation chain' }).check();
    await page
      .getByText(/This figure was recast/)
      .first()
      .waitFor();
    expect(await page.locator('.estimates > li').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('navigation').getByRole('link', { name: 'MSE' }).click();
    await page.getByLabel('Capture-history table').fill(readFileSync('src/domain/mse/fixtures/western.csv', 'utf8'));
    await page.getByLabel('Bootstrap replicates').fill('0');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByRole('heading', { name: /Estimated total: 2,483 persons/ }).waitFor();
    await page.getByText('A:E', { exact: false }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Capture-history table').fill('A,count\n1,3\n');
    await page.getByRole('button', { name: 'Estimate' }).click();
    // The fit runs as a job now: the job's refusal code is read by the MSE page's own message.
    await page.getByRole('alert').filter({ hasText: 'At least two lists are needed.' }).waitFor();

    // The table can also come from the network's own records, one list per channel.
    await page.getByRole('combobox', { name: /^Lists/ }).selectOption('channel');
    await page.getByRole('button', { name: 'Build the table' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /persons on \d+ lists/ })
      .waitFor();
    expect(await page.getByLabel('Capture-history table').inputValue()).toMatch(/count\n/);

    // An .xlsx upload is read on the server (first sheet).
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Lists');
    for (const line of readFileSync('src/domain/mse/fixtures/western.csv', 'utf8').trim().split(/\r?\n/))
      sheet.addRow(line.split(',').map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
    await page.getByLabel('Capture-history file (CSV or XLSX)').setInputFiles({
      name: 'western.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    await page.getByText('Workbook western.xlsx: its first sheet will be used.').waitFor();
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByRole('heading', { name: /Estimated total: 2,483 persons/ }).waitFor();

    // Issue #21: the bootstrap interval is named by its method, failed replicates and the goodness-of-fit test are
    // shown, and the saved estimate carries its method into the registry.
    await page.getByLabel('Capture-history table').fill(readFileSync('src/domain/mse/fixtures/western.csv', 'utf8'));
    await page.getByLabel('Bootstrap replicates').fill('40');
    await page.getByLabel('Bootstrap interval').selectOption('bca');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.locator('dt', { hasText: '95% interval (bootstrap, bias-corrected and accelerated (BCa))' }).waitFor();
    await page.getByText(/Bootstrap: 40 replicates, seed 1; 0 without a finite estimate \(0%\)/).waitFor();
    await page.getByText(/Goodness-of-fit test: parametric bootstrap over 200 simulated tables, p = /).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('textbox', { name: /^Label/ }).fill('Western BCa');
    await page.getByRole('textbox', { name: /^Geography/ }).fill('Testland');
    await page.getByRole('textbox', { name: /^Period/ }).fill('2025');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved to the registry of estimates.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Estimates' }).click();
    await page.getByText(/95% interval [\d,]+ – [\d,]+; method: bias-corrected and accelerated \(BCa\)/).waitFor();
    await context.close();
  });

  test('the chart draws only what can be published: cells, else row totals, else nothing', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    const hiddenCell = { suppressed: true, reason: 'primary' };
    let table = {
      rows: ['2025', '2026'],
      cols: ['female', 'male'],
      cells: [
        [hiddenCell, hiddenCell],
        [hiddenCell, hiddenCell],
      ],
      rowTotals: [19, 12] as unknown[],
      colTotals: [hiddenCell, hiddenCell],
      grandTotal: 31 as unknown,
    };
    await page.route('**/api/statistics/report?*', async (route) => {
      const real = await (await route.fetch()).json();
      await route.fulfill({ json: { ...real, rowDimension: 'year', colDimension: 'sex', table } });
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    await page
      .getByText(
        'Every cell is hidden at this level of detail, so the chart shows the row totals that can be published.',
      )
      .waitFor();
    expect(await page.getByRole('img', { name: /Bar chart of persons by Year/ }).count()).toBe(1);

    table = { ...table, rowTotals: [hiddenCell, hiddenCell], grandTotal: hiddenCell };
    await page.getByLabel('From year').fill('2024');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page
      .getByText('Every count in this table is hidden, so there is nothing to chart.', { exact: false })
      .waitFor();
    expect(await page.getByRole('img', { name: /Bar chart/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A request still in flight is answered by its handler before the page goes (no race with closing).
    await page.unrouteAll({ behavior: 'wait' });
    await context.close();
  });

  test('the disclosure floor is shown, a threshold below it is refused in the form, and administrators set it', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    const card = page.getByRole('region', { name: 'Disclosure threshold floor' });
    await card.waitFor();
    expect(await card.locator('dl.facts').textContent()).toMatch(/Our floor5/);
    // Coordinators read the floor; only administrators set it (the server says so).
    expect(await card.getByRole('button', { name: 'Save the floor' }).count()).toBe(0);
    const threshold = page.getByLabel('Smallest count shown');
    expect(await threshold.getAttribute('min')).toBe('5');
    await page.getByText('At least 5: the floor set for these data.').waitFor();
    await threshold.fill('3');
    await page
      .getByRole('alert')
      .filter({ hasText: 'The smallest count shown cannot be below 5, the floor set for these data.' })
      .waitFor();
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    const admin = await harness.newPage();
    await logIn(admin.page, 'admin@north.demo.test');
    await admin.page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    const adminCard = admin.page.getByRole('region', { name: 'Disclosure threshold floor' });
    await adminCard.getByLabel('New floor for our organisation').fill('3');
    await adminCard.getByRole('button', { name: 'Save the floor' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'The floor is now 3.' }).waitFor();
    expect(await admin.page.getByLabel('Smallest count shown').getAttribute('min')).toBe('3');
    await admin.page.getByLabel('Smallest count shown').fill('3');
    expect(await admin.page.getByText('cannot be below', { exact: false }).count()).toBe(0);
    expect(await seriousA11yViolations(admin.page)).toEqual([]);
    // Back to the default for the other tests.
    await adminCard.getByLabel('New floor for our organisation').fill('5');
    await adminCard.getByRole('button', { name: 'Save the floor' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'The floor is now 5.' }).waitFor();
    await admin.context.close();
  });

  test('smuggling has its own record on the case, apart from the trafficking assessment', async () => {
    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    const created = await createCase(harness.ctx, actor, {
      person: {
        givenName: 'Demo',
        familyName: 'Person 981',
        dateOfBirth: '1995-05-05',
        sex: 'female',
        citizenship: 'AL',
      },
      intake: {
        channel: 'outreach_unit',
        contactDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
        mediatorUsed: false,
        immediateNeeds: [],
      },
      risk: { level: 'low' },
    });
    const { context, page } = await harness.newPage();
    await logIn(page, 'caseworker@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.goto(`/cases/${created.row.id}/identification`);
    const form = page.getByRole('form', { name: 'Smuggling' });
    await form.getByText('never counted as trafficking', { exact: false }).waitFor();
    await form.getByLabel('Was the person smuggled?').selectOption({ label: 'Yes' });
    await form.getByRole('button', { name: 'Record smuggling' }).click();
    await page
      .getByRole('region', { name: 'Smuggling records' })
      .getByText(/^Yes ·/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('an administrator exports de-identified HTCDS records, seeing what is withheld first', async () => {
    const actor = await actorOf(harness, 'caseworker@north.demo.test');
    for (let n = 971; n <= 975; n++) {
      const created = await createCase(harness.ctx, actor, {
        person: {
          givenName: 'Demo',
          familyName: `Person ${n}`,
          dateOfBirth: '1996-05-05',
          sex: 'female',
          citizenship: 'AL',
        },
        intake: { channel: 'outreach_unit', contactDate: daysAgo(91), mediatorUsed: false, immediateNeeds: [] },
        risk: { level: 'low' },
      });
      await addEntry(harness.ctx, actor, created.row.id, 'consent', {
        purpose: 'anonymous_statistics',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(91),
      });
    }
    const { context, page } = await harness.newPage();
    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'What this counts' }).waitFor();
    // Nobody here is determined yet: an empty report says nothing about hidden cells.
    expect(await page.getByText('Every cell is hidden at this level of detail', { exact: false }).count()).toBe(0);
    const card = page.getByRole('region', { name: 'De-identified case records (HTCDS)' });
    await card.waitFor();
    // Nothing is read before the administrator asks for it.
    expect(await card.getByText('Records in the export').count()).toBe(0);
    await card.getByRole('button', { name: 'Prepare the export' }).click();
    await card.getByText('Records in the export').waitFor();
    expect(await card.locator('dl.facts').textContent()).toMatch(/Records in the export5Records withheld0/);
    expect(await card.getByRole('link', { name: 'Download HTCDS CSV' }).getAttribute('href')).toBe(
      '/api/exports/htcds?k=5&format=csv',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await card.getByLabel('Smallest group of persons').fill('6');
    await card.locator('dl.facts', { hasText: /Records in the export0Records withheld5/ }).waitFor();
    expect(await card.getByRole('link', { name: 'Download HTCDS CSV' }).getAttribute('href')).toBe(
      '/api/exports/htcds?k=6&format=csv',
    );
    expect(await page.locator('body').textContent()).not.toMatch(/Person 97\d/);
    await context.close();

    // Coordinators see aggregates only: no case-level export.
    const coordinator = await harness.newPage();
    await logIn(coordinator.page, 'coordinator@north.demo.test');
    await coordinator.page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    await coordinator.page.getByRole('heading', { name: 'What this counts' }).waitFor();
    expect(await coordinator.page.getByRole('heading', { name: 'De-identified case records (HTCDS)' }).count()).toBe(0);
    await coordinator.context.close();
  });
});
