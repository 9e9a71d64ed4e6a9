/**
 * Resolves the session cookie on every API request and enforces CSRF on
 * state-changing ones (synchronizer token: header must match the session's token).
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../errors';
import { resolveSession, type AuthenticatedSession } from '../../services/auth';
import { safeEqual } from '../../security/tokens';
import type { AppContext } from '../../services/context';

declare module 'fastify' {
  interface FastifyRequest {
    session?: AuthenticatedSession;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session and without a CSRF token (login). */
    public?: boolean;
    /** Routes a session with a temporary password may use: reading the session, changing the password, logging out. */
    allowDuringPasswordChange?: boolean;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix pins the cookie to this host and path, but needs Secure.
  return secure ? '__Host-ariadne_session' : 'ariadne_session';
}

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string): void {
  reply.setCookie(sessionCookieName(ctx.config.secureCookies), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.secureCookies,
    path: '/',
    // Whole seconds: the cookie serialiser rejects a fractional Max-Age (SESSION_TTL_HOURS=0.1 made every login a 500).
    maxAge: Math.max(1, Math.floor(ctx.config.sessionTtlHours * 3600)),
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(sessionCookieName(ctx.config.secureCookies), { path: '/' });
}

/** The session of a request that must be authenticated. */
export function requireSession(request: FastifyRequest): AuthenticatedSession {
  if (!request.session) throw errors.unauthenticated();
  return request.session;
}

export const sessionPlugin = fp<{ ctx: AppContext }>(async (app, { ctx }) => {
  app.decorateRequest('session', undefined);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[sessionCookieName(ctx.config.secureCookies)];
    request.session = await resolveSession(ctx, token);
    const config = request.routeOptions.config;
    // A temporary password must be replaced before the session can do anything else.
    if (request.session?.mustChangePassword && !config?.public && !config?.allowDuringPasswordChange)
      throw errors.passwordChangeRequired();
    if (!STATE_CHANGING.has(request.method) || config?.public) return;
    if (!request.session) throw errors.unauthenticated();
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken)) throw errors.csrf();
  });
});
