/** No personal data in application logs: only ids, routes and status codes. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';

describe('application logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(ENGINES[0]);
  });
  afterAll(() => t.close());

  test('hold no seeded names, emails or passwords after a realistic session', async () => {
    const admin = await t.as('admin@north.demo.test');
    await admin.get('/api/users');
    await admin.post('/api/users', {
      email: 'logcheck@north.demo.test',
      displayName: 'Demo Logcheck Person',
      password: 'log-password-123',
      roles: ['caseworker'],
    });
    await admin.post('/api/users', {
      email: 'logcheck@north.demo.test',
      displayName: 'Demo Logcheck Person',
      password: 'log-password-123',
      roles: ['caseworker'],
    });
    await t.client().login('caseworker@north.demo.test', 'wrong-password-typed');
    await admin.request('GET', '/api/users?name=Demo%20Caseworker%20North');
    await admin.request('POST', '/api/users', '{"email":"broken@north.demo.test",');

    const text = t.logs.join('');
    expect(t.logs.length).toBeGreaterThan(5);
    expect(text).toContain('"route":"/api/users"');
    for (const secret of [
      'Demo Caseworker North',
      'Demo Admin North',
      'Demo Logcheck Person',
      'logcheck@north.demo.test',
      'caseworker@north.demo.test',
      'admin@north.demo.test',
      DEMO_PASSWORD,
      'log-password-123',
      'wrong-password-typed',
      'broken@north.demo.test',
    ]) {
      expect(text, `logs must not contain ${secret}`).not.toContain(secret);
    }
  });
});
