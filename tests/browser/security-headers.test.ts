/**
 * The SPA and the API documentation work under their Content-Security-Policy:
 * ECharts and Cytoscape draw, React's style props apply, swagger-ui renders,
 * and the browser reports no violation. A control shows violations are caught.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Collects every CSP violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

describe('under the Content-Security-Policy', () => {
  test('charts, graphs and inline style props work in the SPA, with no violation', async () => {
    const { context, page } = await harness.newPage();
    const violations = await watchViolations(page);
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Statistics' }).click();
    await page.getByLabel('Who is counted').selectOption({ label: 'Persons assisted' });
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('region', { name: 'Report table' }).waitFor();
    // ECharts draws (SVG renderer, with style attributes) inside a container sized by a React style prop.
    const chart = page.locator('div[role="img"]:has(svg)').first();
    await chart.waitFor();
    expect(await chart.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(50);
    const box = (await chart.boundingBox())!;
    // The tooltip is HTML with style attributes.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

    await page.goto('/network');
    const graph = page.getByTestId('network-graph');
    await graph.waitFor();
    await graph.locator('canvas').first().waitFor({ state: 'attached' });
    expect(await graph.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(50);

    expect(await violations()).toEqual([]);
    // Control: an inline <style> element is refused, so the listener above would have seen a violation.
    await page.evaluate(() => {
      const s = document.createElement('style');
      s.textContent = 'body { color: red }';
      document.head.append(s);
    });
    await expect.poll(async () => (await violations()).some((v) => v.includes('style-src'))).toBe(true);
    await context.close();
  });

  test('the API documentation (swagger-ui) renders under its own policy', async () => {
    const { context, page } = await harness.newPage();
    const violations = await watchViolations(page);
    await page.goto('/api/docs/');
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Ariadne API' }).waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
