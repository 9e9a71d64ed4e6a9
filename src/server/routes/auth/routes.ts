/** Thin handlers: validate, call the auth service, present. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as account from '../../../services/account';
import * as auth from '../../../services/auth';
import { errors } from '../../../errors';
import type { AppContext } from '../../../services/context';
import { clearSessionCookie, requireSession, setSessionCookie } from '../../plugins/session';
import { presentSession, SessionViewSchema } from '../../presenters/session';
import { errorResponses } from '../../schemas';
import {
  ChangePasswordBody,
  InvitationParams,
  InvitationsResponse,
  LoginBody,
  SwitchOrganisationBody,
  TotpDisableBody,
  TotpEnableBody,
  TotpSetupResponse,
} from './schema';

async function sessionView(ctx: AppContext, s: auth.AuthenticatedSession) {
  const { user, memberships } = await auth.sessionProfile(ctx, s.actor);
  return presentSession(
    s.actor,
    s.csrfToken,
    { ...user, must_change_password: s.mustChangePassword ?? user.must_change_password },
    memberships,
  );
}

/** The email a login names, normalised as the service does; the per-account limit's key. */
function accountKey(request: { body?: unknown; ip: string }): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `login-account:${email.trim().toLowerCase()}` : `login-address:${request.ip}`;
}

/** Checks of the password or code made from a session: limited per user, whatever the address. */
const perUser = {
  max: 5,
  timeWindow: '15 minutes',
  hook: 'preHandler' as const,
  keyGenerator: (request: { session?: auth.AuthenticatedSession; ip: string }) =>
    `account-secret:${request.session?.actor.userId ?? request.ip}`,
};

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // A second limiter (the plugin runs one per request through its hooks, so this one is called directly).
  const perAccount = app.createRateLimit({
    max: ctx.config.loginAccountRateLimitPerMinute ?? ctx.config.loginRateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: accountKey,
  });

  // Per address (only a configured proxy's X-Forwarded-For is believed, see trustProxy in app.ts) ...
  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      // ... and per account, keyed by the email in the body, which no header can change.
      preHandler: async (request) => {
        const limit = await perAccount(request);
        if (!limit.isAllowed && limit.isExceeded) throw errors.rateLimited();
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email, password and (if enabled) a TOTP code',
        body: LoginBody,
        response: { 200: SessionViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await auth.login(ctx, request.body);
      setSessionCookie(reply, ctx, session.token);
      return sessionView(ctx, session);
    },
  );

  app.get(
    '/api/session',
    {
      config: { allowDuringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'The current session',
        response: { 200: SessionViewSchema, ...errorResponses },
      },
    },
    async (request) => sessionView(ctx, requireSession(request)),
  );

  app.post(
    '/api/auth/logout',
    {
      config: { allowDuringPasswordChange: true },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await auth.logout(ctx, requireSession(request).token);
      clearSessionCookie(reply, ctx);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout-everywhere',
    {
      config: { allowDuringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'End every session of this user, on every device',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.logoutEverywhere(ctx, requireSession(request).actor);
      clearSessionCookie(reply, ctx);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/session/organisation',
    {
      schema: {
        tags: ['auth'],
        summary: 'Switch the current organisation (multi-organisation users only)',
        body: SwitchOrganisationBody,
        response: { 200: SessionViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      sessionView(ctx, await auth.switchOrganisation(ctx, requireSession(request), request.body.organisationId)),
  );

  app.post(
    '/api/auth/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling a TOTP authenticator',
        response: { 200: TotpSetupResponse, ...errorResponses },
      },
    },
    async (request) => auth.beginTotpSetup(ctx, requireSession(request).actor),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm the authenticator with a code and enable TOTP',
        body: TotpEnableBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.enableTotp(ctx, requireSession(request).actor, request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/totp/disable',
    {
      config: { rateLimit: perUser },
      schema: {
        tags: ['auth'],
        summary: 'Disable TOTP (requires the password and a current code; rate-limited)',
        body: TotpDisableBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.disableTotp(ctx, requireSession(request).actor, request.body.password, request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { rateLimit: perUser, allowDuringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (the current one is required; other sessions end)',
        body: ChangePasswordBody,
        response: { 200: SessionViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const session = requireSession(request);
      await account.changePassword(ctx, session, request.body);
      return sessionView(ctx, { ...session, mustChangePassword: false });
    },
  );

  app.get(
    '/api/account/invitations',
    {
      schema: {
        tags: ['auth'],
        summary: 'Invitations from other organisations to join them',
        response: { 200: InvitationsResponse, ...errorResponses },
      },
    },
    async (request) => ({ invitations: await account.listInvitations(ctx, requireSession(request).actor) }),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/api/account/invitations/:organisationId/${answer}`,
      {
        schema: {
          tags: ['auth'],
          summary: `${answer === 'accept' ? 'Accept' : 'Decline'} an invitation to join an organisation`,
          params: InvitationParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await account.answerInvitation(
          ctx,
          requireSession(request).actor,
          request.params.organisationId,
          answer === 'accept',
        );
        return reply.code(204).send(null);
      },
    );
  }
};
