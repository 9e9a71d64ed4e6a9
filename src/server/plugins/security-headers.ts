/**
 * Security headers, set by @fastify/helmet on every response. The SPA's policy
 * allows only its own scripts and stylesheets; style *attributes* stay allowed
 * (style-src-attr), because React's style props, ECharts' SVG and tooltips
 * and Cytoscape write them; one inline <style>, Cytoscape's, is allowed by hash.
 * HSTS and upgrade-insecure-requests only in production, which runs behind HTTPS:
 * on http://localhost in development they would break the app.
 */
import crypto from 'node:crypto';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { AppConfig } from '../../config/env';

/**
 * The one inline <style> element the SPA needs: Cytoscape inserts exactly this rule for its
 * container. Allowed by its hash, so no other inline style element is.
 */
const CYTOSCAPE_CONTAINER_STYLE = '.__________cytoscape_container { position: relative; }';
const styleHash = (css: string) => `'sha256-${crypto.createHash('sha256').update(css).digest('base64')}'`;

const common = {
  'default-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  'script-src-attr': ["'none'"],
};

export function helmetOptions(config: Pick<AppConfig, 'env'>): FastifyHelmetOptions {
  const production = config.env === 'production';
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...common,
        'script-src': ["'self'"],
        'style-src': ["'self'", styleHash(CYTOSCAPE_CONTAINER_STYLE)],
        'style-src-attr': ["'unsafe-inline'"],
        ...(production ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The API answers only its own origin; nothing else embeds its resources.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
}

/**
 * The API documentation page (swagger-ui) builds its interface with inline styles and
 * style elements, so it gets 'unsafe-inline' for styles; scripts stay 'self' only.
 */
export function docsContentSecurityPolicy(config: Pick<AppConfig, 'env'>): Record<string, string[]> {
  return {
    ...common,
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    ...(config.env === 'production' ? { 'upgrade-insecure-requests': [] } : {}),
  };
}
