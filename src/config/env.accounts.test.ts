/** Account and session settings: trusted proxies, idle timeout, per-account login limit. */
import { describe, expect, test } from 'vitest';
import { loadConfig } from './env';

describe('account and session configuration', () => {
  test('no proxy is trusted by default, in production too', () => {
    expect(loadConfig({ NODE_ENV: 'production', ARIADNE_MASTER_KEY: 'x' }).trustedProxies).toEqual([]);
  });

  test('trusted proxies are a list of addresses or CIDRs', () => {
    expect(loadConfig({ ARIADNE_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7,::1, fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
    ]);
  });

  test.each(['proxy.example.org', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x'])('%s is refused', (value) => {
    expect(() => loadConfig({ ARIADNE_TRUSTED_PROXIES: value })).toThrow(/ARIADNE_TRUSTED_PROXIES/);
  });

  test('idle timeout defaults to 30 minutes; fractional lifetimes are accepted', () => {
    const c = loadConfig({ SESSION_TTL_HOURS: '0.5' });
    expect([c.sessionTtlHours, c.sessionIdleMinutes, c.loginAccountRateLimitPerMinute]).toEqual([0.5, 30, undefined]);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '5', LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE: '4' })).toMatchObject({
      sessionIdleMinutes: 5,
      loginAccountRateLimitPerMinute: 4,
    });
  });
});
