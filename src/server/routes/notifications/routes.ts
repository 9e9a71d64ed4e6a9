/** Thin handlers for the current user's in-app notifications (codes and ids, never personal data). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { listNotifications, markRead } from '../../../services/notifications';
import { requireSession } from '../../plugins/session';
import { NotificationListSchema, presentNotifications } from '../../presenters/notification';
import { errorResponses } from '../../schemas';

export const notificationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['notifications'];
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My latest notifications (e.g. a referral arrived while I am on duty) and the unread count',
        response: { 200: NotificationListSchema, ...errorResponses },
      },
    },
    async (request) => presentNotifications(await listNotifications(ctx, requireSession(request).actor)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read, or all with id "all"',
        params: z.strictObject({ id: z.union([z.string().uuid(), z.literal('all')]) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await markRead(ctx, requireSession(request).actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
