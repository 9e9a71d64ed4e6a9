/**
 * Security headers from @fastify/helmet: a strict Content-Security-Policy for
 * the SPA and the API (style attributes only allowed), a looser one for the
 * swagger-ui documentation page, HSTS in production only, and the
 * documentation behind a session in production.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';

const directives = (header: unknown) =>
  new Map(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values] as const;
      }),
  );

describe.each(ENGINES.map((e) => [e.name, e] as const))('security headers on %s', (_name, engine) => {
  describe('in development', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine);
    });
    afterAll(() => t.close());

    test('API responses carry the strict policy, nosniff, DENY, no-referrer, no-store, and no HSTS', async () => {
      for (const url of ['/api/health', '/api/session', '/api/no-such-route']) {
        const res = await t.app.inject({ method: 'GET', url });
        const csp = directives(res.headers['content-security-policy']);
        expect(csp.get('default-src'), url).toEqual(["'self'"]);
        expect(csp.get('script-src')).toEqual(["'self'"]);
        // Stylesheets from the app only; style attributes (React style props, ECharts tooltips) allowed.
        expect(csp.get('style-src')).toEqual(["'self'", expect.stringMatching(/^'sha256-[A-Za-z0-9+/]+=*'$/)]);
        expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
        expect(csp.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.has('upgrade-insecure-requests')).toBe(false);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    test('the documentation page loads without a session outside production, with its own policy', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('swagger-ui');
      const csp = directives(page.headers['content-security-policy']);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      // Every script the page loads is served by us (script-src 'self' holds), and the document is there.
      for (const src of page.body.match(/src="([^"]+)"/g)!.map((s) => s.slice(5, -1))) {
        const asset = await t.app.inject({ method: 'GET', url: new URL(src, 'http://x/api/docs/').pathname });
        expect(asset.statusCode, src).toBe(200);
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { secureCookies: true, config: { env: 'production' } });
    });
    afterAll(() => t.close());

    test('HSTS and upgrade-insecure-requests are sent', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
      expect(directives(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
    });

    test('the documentation and the OpenAPI document need a session', async () => {
      for (const url of [
        '/api/docs',
        '/api/docs/',
        '/api/docs/static/index.html',
        '/api/docs/json',
        '/api/docs/yaml',
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
        expect(JSON.parse(res.body).error.code).toBe('unauthenticated');
      }
      const staff = await t.as('caseworker@north.demo.test');
      const page = await staff.get('/api/docs/');
      expect(page.status).toBe(200);
      expect(page.headers['strict-transport-security']).toMatch(/max-age=/);
      expect((await staff.get('/api/docs/json')).status).toBe(200);
    });
  });
});
