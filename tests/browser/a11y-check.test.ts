/**
 * The accessibility check every browser test relies on (seriousA11yViolations) finds what it must: on a page
 * with a nameless button, an image without a text alternative and text without contrast it names each rule,
 * and on the same page put right it finds nothing. A change to how axe is run (its mode, its options) that
 * made the checks vacuous would fail here, not pass every other file silently.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousA11yViolations, workerBrowser } from './support/harness';

let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  context = await (await workerBrowser()).newContext();
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
});

const pageWith = (body: string) =>
  `<!doctype html><html lang="en"><head><title>Check</title></head><body><main><h1>Check</h1>${body}</main></body></html>`;

test('a nameless button, an image without alt and low-contrast text are each reported', async () => {
  await page.setContent(
    pageWith(
      '<button></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
        '<p style="color:#777;background:#888">Text that no one can read</p>',
    ),
  );
  const found = (await seriousA11yViolations(page)).map((v) => v.split(':')[0]);
  expect(found).toEqual(expect.arrayContaining(['button-name', 'image-alt', 'color-contrast']));
});

test('the same page put right has no serious violation', async () => {
  await page.setContent(
    pageWith(
      '<button>Save</button><img alt="A dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
        '<p style="color:#111;background:#fff">Text that anyone can read</p>',
    ),
  );
  expect(await seriousA11yViolations(page)).toEqual([]);
});
