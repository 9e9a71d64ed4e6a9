/** Thin handlers for the dashboard's count tiles and the paged agenda. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { agendaPage, dashboardCounts } from '../../../services/dashboard';
import { requireSession } from '../../plugins/session';
import {
  AgendaBucketSchema,
  AgendaPageSchema,
  DashboardSchema,
  presentAgendaPage,
  presentDashboard,
} from '../../presenters/dashboard';
import { errorResponses } from '../../schemas';

export const dashboardRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['dashboard'];
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags,
        summary: 'Count tiles: my open cases, high risk, referrals waiting for my organisation, overdue, due this week',
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    async (request) => presentDashboard(await dashboardCounts(ctx, requireSession(request).actor)),
  );

  app.get(
    '/api/agenda',
    {
      schema: {
        tags,
        summary: "Deadlines of the current user's open cases by due date, a page at a time, with each bucket's count",
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).optional(),
          offset: z.coerce.number().int().min(0).max(100_000).optional(),
          bucket: AgendaBucketSchema.optional(),
        }),
        response: { 200: AgendaPageSchema, ...errorResponses },
      },
    },
    async (request) => presentAgendaPage(await agendaPage(ctx, requireSession(request).actor, request.query)),
  );
};
