/** Thin handler for the labour-market statistics (persons per stage, retention, quartiles, employers, cost). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { labourStatisticsReport } from '../../../services/labour-statistics';
import { heavyRateLimit } from '../../plugins/heavy';
import { requireSession } from '../../plugins/session';
import { LabourStatisticsSchema, presentLabourStatistics } from '../../presenters/labour-statistics';
import { errorResponses } from '../../schemas';

const LabourQuery = z.strictObject({
  scope: z
    .enum(['organisation', 'network'])
    .default('organisation')
    .describe('network: every organisation in your networks, each person counted once'),
  threshold: z.coerce
    .number()
    .int()
    .min(2)
    .max(20)
    .optional()
    .describe(
      'smallest count shown; never below the disclosure floor of the organisation (and, for network scope, of its networks and members); omitted: the floor',
    ),
});

export const labourStatisticsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/statistics/labour',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['statistics'],
        summary:
          'Labour-market insertion (persons): entered guidance, started/completed training and internships, placed, still in work at 6 and 12 months; time from intake to first internship and placement as quartiles; employers engaged per territory; internship cost; small cells hidden',
        querystring: LabourQuery,
        response: { 200: LabourStatisticsSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentLabourStatistics(await labourStatisticsReport(ctx, requireSession(request).actor, request.query)),
  );
};
