/** The EX-CHANGE questionnaire's skip logic in the browser, and a network proposed from its section C and accepted by a partner. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('networks and the network-mapping questionnaire in the browser', () => {
  test('an administrator answers the questionnaire, proposes the network it describes, and a partner accepts', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Questionnaire' })
      .click();
    await page.getByRole('heading', { name: 'Network-mapping questionnaire', level: 1 }).waitFor();

    await page.getByLabel('A1. Name of the organisation').fill('Demo Shelter North');
    await page.getByRole('checkbox', { name: 'Social assistance and reintegration' }).check();
    // Skip logic: nothing of B2–C18 until B1 is answered; "no" to B1 leaves only B7–B9.
    expect(await page.getByRole('group', { name: /^B2\./ }).count()).toBe(0);
    await page.getByRole('group', { name: /^B1\./ }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('group', { name: /^B7\./ }).waitFor();
    expect(await page.getByRole('group', { name: /^B2\./ }).count()).toBe(0);
    await page.getByRole('group', { name: /^B1\./ }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('group', { name: /^B2\./ }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('group', { name: /^B3\./ }).waitFor();
    expect(await page.getByText('C. Your network').count()).toBe(0);
    await page.getByRole('group', { name: /^B2\./ }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByText('C. Your network').waitFor();
    expect(await page.getByRole('group', { name: /^B3\./ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: /^C1\./ }).selectOption('formalised');
    await page.getByLabel(/^C2\./).fill('Demo Anti-Trafficking Table');
    await page.getByRole('combobox', { name: /^C3\./ }).selectOption('regional');
    await page.getByRole('combobox', { name: /^C5\./ }).selectOption('multi_agency');
    await page.getByRole('combobox', { name: /^C6\./ }).selectOption('lead_and_partners');
    await page.getByRole('group', { name: /^C7\./ }).getByRole('checkbox', { name: 'NGOs' }).check();
    await page.getByRole('group', { name: /^C7\./ }).getByRole('checkbox', { name: 'Municipalities' }).check();
    await page.getByLabel(/^C8\./).fill('Demo: safe accommodation and legal aid');
    await page.getByRole('group', { name: /^C9\./ }).getByRole('checkbox', { name: 'Exchanging information' }).check();
    await page
      .getByRole('group', { name: /^C12\./ })
      .getByRole('checkbox', { name: 'On final beneficiaries' })
      .check();
    await page
      .getByRole('group', { name: /^C14\./ })
      .getByRole('checkbox', { name: 'Local' })
      .check();
    await page.getByRole('button', { name: 'Submit the answers' }).click();
    await page.getByText('Answers saved.').waitFor();
    await page.getByText(/Version 1, submitted/).waitFor();
    await page
      .getByRole('heading', { name: 'Section C describes the network "Demo Anti-Trafficking Table".' })
      .waitFor();

    await page.getByRole('button', { name: 'Propose this network' }).click();
    await page.getByRole('heading', { name: 'Networks and agreements', level: 1 }).waitFor();
    await page.getByText('Filled in from our questionnaire answers.').waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('Demo Anti-Trafficking Table');
    expect(await page.getByLabel('Shared objectives').inputValue()).toBe('Demo: safe accommodation and legal aid');
    // One partner only is a partnership: the API explains the definition.
    await page.getByRole('checkbox', { name: 'Demo Outreach South' }).check();
    await page.getByRole('button', { name: 'Send the invitations' }).click();
    await page.getByText(/partnership, not a network/).waitFor();
    await page.getByRole('checkbox', { name: 'Demo Legal Aid East' }).check();
    await page.getByRole('button', { name: 'Send the invitations' }).click();
    await page.getByText(/Network proposed/).waitFor();
    const proposed = page.getByRole('article', { name: 'Demo Anti-Trafficking Table' });
    await proposed.waitFor();
    expect(await proposed.textContent()).toMatch(/1 active members/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    const partner = await harness.newPage({ width: 375, height: 800 });
    await logIn(partner.page, 'admin@south.demo.test');
    await partner.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await partner.page.goto('/networks');
    const invitation = partner.page.getByRole('article', { name: 'Demo Anti-Trafficking Table' });
    await invitation.getByText('Invitation').waitFor();
    await invitation.getByRole('button', { name: 'Accept' }).click();
    await invitation.getByText('2 active members').waitFor();
    expect(await invitation.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    expect(await seriousA11yViolations(partner.page)).toEqual([]);
    await partner.context.close();
  });
});
