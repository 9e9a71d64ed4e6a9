/** Thin handlers for staff accounts of the current organisation. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import * as users from '../../../services/users';
import { requireSession } from '../../plugins/session';
import { presentUser, UserViewSchema } from '../../presenters/user';
import { errorResponses } from '../../schemas';
import { CreateUserBody, TemporaryPasswordBody, UpdateUserBody, UserParams } from './schema';

/** GET /api/users. */
export const UsersResponse = z.object({ users: z.array(UserViewSchema) });

export const userRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: "List the current organisation's users",
        response: { 200: UsersResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      return { users: (await users.listUsers(ctx, actor)).map((u) => presentUser(actor, u)) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user in the current organisation',
        body: CreateUserBody,
        response: { 201: UserViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = requireSession(request);
      return reply.code(201).send(presentUser(actor, await users.createUser(ctx, actor, request.body)));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary:
          "Change a member's roles, on-duty or membership state here; her name and account state from her home organisation only (optimistic locking on version)",
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      return presentUser(actor, await users.updateUser(ctx, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/api/users/:id/temporary-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Set a temporary password, to be changed at the next login (ends her sessions, lifts a lockout)',
        params: UserParams,
        body: TemporaryPasswordBody,
        response: { 200: UserViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      return presentUser(actor, await users.setTemporaryPassword(ctx, actor, request.params.id, request.body.password));
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags: ['users'],
        summary: 'Unlock an account locked by failed logins',
        params: UserParams,
        response: { 200: UserViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      return presentUser(actor, await users.unlockUser(ctx, actor, request.params.id));
    },
  );
};
