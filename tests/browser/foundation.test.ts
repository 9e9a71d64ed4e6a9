/** The foundation as a user meets it: log in, manage own users, switch organisation and language, TOTP, on a laptop and a phone. */
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

let harness: Harness;
beforeAll(async () => {
  // On the demo's own engine even when the run has PostgreSQL (the other files' engine then): `npm start`'s PGlite
  // stays covered from the browser.
  harness = await startHarness({ engine: 'pglite' });
});
afterAll(async () => {
  await harness?.close();
});

describe('login and user management', () => {
  test('an administrator logs in, creates and edits a user of her own organisation only', async () => {
    const { context, page } = await harness.newPage();
    await page.goto('/');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await logIn(page, 'admin@north.demo.test', 'wrong-password-123');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not correct');

    await logIn(page, 'admin@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    expect(await page.getByText('Demo Shelter North').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A single-organisation administrator gets no organisation switcher.
    expect(await page.getByLabel('Switch organisation').count()).toBe(0);

    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'caseworker@north.demo.test' }).waitFor();
    expect(await page.getByRole('cell', { name: 'caseworker@south.demo.test' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Name').fill('Demo Staff 901');
    await page.getByLabel('Email').fill('staff901@north.demo.test');
    await page.getByLabel('Initial password').fill('a-long-demo-password-901');
    await page.getByRole('checkbox', { name: 'Mediator' }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('status').filter({ hasText: 'User created.' }).waitFor();
    await page.getByRole('cell', { name: 'staff901@north.demo.test' }).waitFor();

    await page.getByRole('button', { name: 'Edit Demo Staff 901' }).click();
    await page.getByRole('checkbox', { name: 'Legal advisor' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'staff901@north.demo.test' });
    await expect.poll(() => row.textContent()).toContain('Legal advisor');

    // The new account works.
    const second = await harness.newPage();
    await logIn(second.page, 'staff901@north.demo.test', 'a-long-demo-password-901');
    await second.page.getByRole('heading', { name: /Welcome, Demo Staff 901/ }).waitFor();
    // Not an administrator: no Users page in the navigation.
    expect(await second.page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await second.context.close();

    await page.getByRole('link', { name: 'Audit log' }).first().click();
    await page.getByRole('cell', { name: 'Created a user' }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  test('a network administrator switches organisation; the language can be changed', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'network.admin@demo.test');
    const switcher = page.getByLabel('Switch organisation');
    await switcher.waitFor();
    await switcher.selectOption({ label: 'Demo Outreach South' });
    await expect.poll(() => page.locator('.brand-org').textContent()).toBe('Demo Outreach South');
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.getByRole('cell', { name: 'caseworker@south.demo.test' }).waitFor();
    expect(await page.getByRole('cell', { name: 'caseworker@north.demo.test' }).count()).toBe(0);

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByLabel('Langue').selectOption('sk');
    await page.getByRole('heading', { name: 'Používatelia', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The choice is stored with her account: back to English, so her next login (below) is in English.
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/account/preferences') && response.request().method() === 'PATCH',
    );
    await page.getByLabel('Jazyk').selectOption('en');
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect((await saved).ok()).toBe(true);
    await context.close();
  });

  test('TOTP enrolment makes the second factor required at the next login', async () => {
    const { context, page } = await harness.newPage();
    await logIn(page, 'auditor@east.demo.test');
    await page.getByRole('link', { name: 'My account' }).first().click();
    await page.getByRole('button', { name: 'Set up an authenticator' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Code').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('status').filter({ hasText: 'now on' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Log out', exact: true }).click();

    await logIn(page, 'auditor@east.demo.test');
    const code = page.getByLabel('Authenticator code');
    await code.waitFor();
    await code.fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await context.close();
  });
});

describe('passwords and lockouts', () => {
  test('an administrator unlocks a locked account and sets a temporary password, which must be changed at the next login', async () => {
    for (let i = 0; i < 5; i++) {
      await fetch(`${harness.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'mediator@south.demo.test', password: 'wrong-guess-password' }),
      });
    }
    const { context, page } = await harness.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await logIn(page, 'admin@south.demo.test');
    await page.getByRole('link', { name: 'Users' }).first().click();
    const row = page.getByRole('row').filter({ hasText: 'mediator@south.demo.test' });
    await expect.poll(() => row.textContent()).toContain('Locked');
    const name = (await row.getByRole('cell').first().textContent())!.trim();
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    // Unlocking asks inline, naming the user and saying what will happen; its confirming button is focused.
    await page.getByRole('button', { name: 'Unlock' }).click();
    const unlockQuestion = page.getByRole('group', {
      name: `The account of ${name} will be unlocked: they can log in again at once, and failed attempts count again from zero.`,
    });
    await unlockQuestion.waitFor();
    const unlock = unlockQuestion.getByRole('button', { name: 'Unlock' });
    expect(await unlock.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await unlock.click();
    await page.getByRole('status').filter({ hasText: 'unlocked' }).waitFor();
    await expect.poll(() => row.textContent()).not.toContain('Locked');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const temporaryQuestion = page.getByRole('group', {
      name: `${name} will get this temporary password: every session of theirs ends at once, and they must choose a new password at the next login.`,
    });
    await page.getByLabel('Temporary password').fill('password1234');
    await page.getByRole('button', { name: 'Set temporary password' }).click();
    await temporaryQuestion.getByRole('button', { name: 'Set temporary password' }).click();
    // The estimator's feedback, beside the field.
    await page.getByText('too easy to guess').waitFor();
    await page.getByLabel('Temporary password').fill('amber-window-harvest-77');
    await page.getByRole('button', { name: 'Set temporary password' }).click();
    await temporaryQuestion.waitFor();
    const setTemporary = temporaryQuestion.getByRole('button', { name: 'Set temporary password' });
    expect(await setTemporary.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await setTemporary.click();
    await page.getByRole('status').filter({ hasText: 'Temporary password set' }).waitFor();
    expect(dialogs).toHaveLength(0);
    await context.close();

    const second = await harness.newPage({ width: 375, height: 740 });
    await logIn(second.page, 'mediator@south.demo.test', 'amber-window-harvest-77');
    await second.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await seriousA11yViolations(second.page)).toEqual([]);
    await second.page.getByLabel('Current password').fill('amber-window-harvest-77');
    await second.page.getByLabel('New password').fill('quiet-meadow-copper-19');
    await second.page.getByRole('button', { name: 'Change password' }).click();
    await second.page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await second.context.close();
  });
});

describe('on a phone', () => {
  test('works at 375px wide without horizontal scrolling', async () => {
    const { context, page } = await harness.newPage({ width: 375, height: 740 });
    await logIn(page, 'admin@south.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    const menu = page.getByRole('button', { name: 'Menu' });
    // An administrator's pages, each reached through the phone menu.
    for (const [link, heading] of [
      ['Users', 'Users'],
      ['Record linkage', 'Record linkage across the network'],
      ['Roles', 'Roles and profiles'],
      ['Networks', 'Networks and agreements'],
    ]) {
      await menu.click();
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, link).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page), link).toEqual([]);
    }
    await context.close();
  });
});

describe('a person who works for several organisations', () => {
  test("a partner's administrator deactivates her membership there, after a confirmation saying what will happen; her home organisation is untouched", async () => {
    const { context, page } = await harness.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await logIn(page, 'admin@south.demo.test');
    await page.getByRole('link', { name: 'Users' }).first().click();
    const row = page.getByRole('row').filter({ hasText: 'network.admin@demo.test' });
    await page.getByRole('button', { name: 'Edit Demo Network Admin' }).click();
    // Her name belongs to her home organisation (North): read-only here, and no deactivation of the whole account.
    expect(await page.getByLabel('Name').last().getAttribute('readonly')).not.toBeNull();
    await page.getByText('managed by their home organisation').waitFor();
    expect(await page.getByRole('button', { name: 'Deactivate the account everywhere' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Deactivate in Demo Outreach South' }).click();
    // The inline question says what will happen; its confirming button is focused.
    const question = page
      .getByRole('group')
      .filter({ hasText: 'will no longer be able to work in Demo Outreach South' });
    await question.waitFor();
    expect(await question.textContent()).toContain('other organisations they work for stay as they are');
    const confirm = question.getByRole('button', { name: 'Deactivate in Demo Outreach South' });
    expect(await confirm.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await confirm.click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    expect(dialogs).toHaveLength(0);
    await expect.poll(() => row.textContent()).toContain('Deactivated here');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // She still logs in, to her home organisation, and South is gone from her switcher.
    const her = await harness.newPage();
    await logIn(her.page, 'network.admin@demo.test');
    const switcher = her.page.getByLabel('Switch organisation');
    await switcher.waitFor();
    expect(await switcher.locator('option').allTextContents()).not.toContain('Demo Outreach South');
    await her.context.close();

    // Reactivated (no confirmation needed to give access back).
    await page.getByRole('button', { name: 'Edit Demo Network Admin' }).click();
    await page.getByRole('button', { name: 'Reactivate in Demo Outreach South' }).click();
    await expect.poll(() => row.textContent()).toContain('Active');
    expect(await page.getByRole('group').filter({ hasText: 'will no longer be able to work' }).count()).toBe(0);
    expect(dialogs).toHaveLength(0);
    await context.close();
  });

  test('an account of another organisation, invited by an administrator, accepts after an inline confirmation saying what will happen', async () => {
    const admin = await harness.newPage();
    await logIn(admin.page, 'admin@north.demo.test');
    await admin.page.getByRole('link', { name: 'Users' }).first().click();
    // An email of another organisation answers like a creation and invites that account.
    await admin.page.getByLabel('Name').fill('Demo Staff 902');
    await admin.page.getByLabel('Email').fill('caseworker@east.demo.test');
    await admin.page.getByLabel('Initial password').fill('a-long-demo-password-902');
    await admin.page.getByRole('checkbox', { name: 'Mediator' }).check();
    await admin.page.getByRole('button', { name: 'Create user' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'User created.' }).waitFor();
    await admin.context.close();

    const { context, page } = await harness.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await logIn(page, 'caseworker@east.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.getByRole('link', { name: 'My account' }).first().click();
    await page.getByText('Demo Shelter North invites you to join as').waitFor();
    await page.getByRole('button', { name: 'Accept' }).click();
    const question = page.getByRole('group', {
      name: 'You will join Demo Shelter North: its administrators will see your name and email, and you can work there by switching organisation.',
    });
    await question.waitFor();
    const accept = question.getByRole('button', { name: 'Accept' });
    expect(await accept.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await accept.click();
    await page.getByRole('status').filter({ hasText: 'You are now a member.' }).waitFor();
    expect(dialogs).toHaveLength(0);
    const switcher = page.getByLabel('Switch organisation');
    await switcher.waitFor();
    await expect.poll(() => switcher.locator('option').allTextContents()).toContain('Demo Shelter North');
    await context.close();
  });
});
