/** Thin handlers: validate, call the auth service, present. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as auth from '../../../services/auth';
import type { AppContext } from '../../../services/context';
import { clearSessionCookie, requireSession, setSessionCookie } from '../../plugins/session';
import { presentSession, SessionViewSchema } from '../../presenters/session';
import { errorResponses } from '../../schemas';
import { LoginBody, SwitchOrganisationBody, TotpDisableBody, TotpEnableBody, TotpSetupResponse } from './schema';

async function sessionView(ctx: AppContext, s: auth.AuthenticatedSession) {
  const { user, memberships } = await auth.sessionProfile(ctx, s.actor);
  return presentSession(s.actor, s.csrfToken, user, memberships);
}

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Log in with email, password and (if enabled) a TOTP code', body: LoginBody, response: { 200: SessionViewSchema, ...errorResponses } },
  }, async (request, reply) => {
    const session = await auth.login(ctx, request.body);
    setSessionCookie(reply, ctx, session.token);
    return sessionView(ctx, session);
  });

  app.get('/api/session', {
    schema: { tags: ['auth'], summary: 'The current session', response: { 200: SessionViewSchema, ...errorResponses } },
  }, async (request) => sessionView(ctx, requireSession(request)));

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await auth.logout(ctx, requireSession(request).token);
    clearSessionCookie(reply, ctx);
    return reply.code(204).send(null);
  });

  app.post('/api/auth/logout-everywhere', {
    schema: { tags: ['auth'], summary: 'End every session of this user, on every device', response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await auth.logoutEverywhere(ctx, requireSession(request).actor);
    clearSessionCookie(reply, ctx);
    return reply.code(204).send(null);
  });

  app.post('/api/session/organisation', {
    schema: { tags: ['auth'], summary: 'Switch the current organisation (multi-organisation users only)', body: SwitchOrganisationBody, response: { 200: SessionViewSchema, ...errorResponses } },
  }, async (request) => sessionView(ctx, await auth.switchOrganisation(ctx, requireSession(request), request.body.organisationId)));

  app.post('/api/auth/totp/setup', {
    schema: { tags: ['auth'], summary: 'Start enrolling a TOTP authenticator', response: { 200: TotpSetupResponse, ...errorResponses } },
  }, async (request) => auth.beginTotpSetup(ctx, requireSession(request).actor));

  app.post('/api/auth/totp/enable', {
    schema: { tags: ['auth'], summary: 'Confirm the authenticator with a code and enable TOTP', body: TotpEnableBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await auth.enableTotp(ctx, requireSession(request).actor, request.body.code);
    return reply.code(204).send(null);
  });

  app.post('/api/auth/totp/disable', {
    schema: { tags: ['auth'], summary: 'Disable TOTP (requires the password)', body: TotpDisableBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await auth.disableTotp(ctx, requireSession(request).actor, request.body.password);
    return reply.code(204).send(null);
  });
};
