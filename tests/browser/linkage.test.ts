/** Manual review of possible duplicates in the browser: a coordinator decides a pair seeing only similarity and coarse attributes. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCase } from '../../src/services/cases';
import { addEntry } from '../../src/services/case-entries';
import { runNetworkLinkage } from '../../src/services/linkage';
import type { Role } from '../../src/policies/roles';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

async function caseAt(email: string, familyName: string, dateOfBirth: string, citizenship: string) {
  const user = await harness.ctx.db.kysely.selectFrom('users').innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id', 'memberships.organisation_id as organisationId', 'memberships.roles']).where('users.email', '=', email).executeTakeFirstOrThrow();
  const actor = { userId: user.id, organisationId: user.organisationId, roles: user.roles as Role[] };
  const created = await createCase(harness.ctx, actor, {
    person: { givenName: 'Demo', familyName, dateOfBirth, sex: 'female', citizenship },
    intake: { channel: 'hotline', contactDate: '2026-09-01', mediatorUsed: false, immediateNeeds: [] },
    risk: { level: 'low' },
  });
  await addEntry(harness.ctx, actor, created.row.id, 'consent', { purpose: 'network_deduplication', action: 'granted', language: 'en', interpreterUsed: false, recordedOn: '2026-09-01' });
}

describe('linkage review in the browser', () => {
  test('a coordinator decides that a similar pair is the same person', async () => {
    await caseAt('caseworker@north.demo.test', 'Okonkwo', '1958-11-23', 'UA');
    await caseAt('caseworker@south.demo.test', 'Okonkow', '1958-12-28', 'MD');
    await runNetworkLinkage(harness.ctx);

    const { context, page } = await harness.newPage();
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Duplicates review' }).click();
    await page.getByRole('heading', { name: 'Possible duplicates across the network', level: 1 }).waitFor();
    const pair = page.getByRole('listitem', { name: 'Pair 1' });
    await pair.waitFor();
    expect(await pair.textContent()).toMatch(/Demo Outreach South/);
    expect(await pair.textContent()).toMatch(/Year of first contact: 2026/);
    expect(await page.locator('body').textContent()).not.toMatch(/Okonk|1958-1/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await pair.getByRole('button', { name: 'The same person' }).click();
    await page.getByRole('heading', { name: 'Decided' }).waitFor();
    await page.getByText('same person', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'To decide (0)' }).count()).toBe(1);
    await context.close();
  });
});
