/** Thin handler for the de-identified HTCDS case export (JSON with its provenance, or CSV). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { exportHtcds } from '../../../services/htcds-export';
import { htcdsCsv } from '../../../services/exports';
import { heavyRateLimit } from '../../plugins/heavy';
import { requireSession } from '../../plugins/session';
import { HtcdsExportSchema, presentHtcdsExport } from '../../presenters/htcds';
import { errorResponses } from '../../schemas';

export const htcdsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/exports/htcds',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['statistics'],
        summary:
          "This organisation's de-identified case records in the IOM HTCDS v2.0 layout: one per consenting person, no identifying field, k-anonymised quasi-identifiers; CSV with format=csv",
        querystring: z.strictObject({
          format: z.enum(['json', 'csv']).default('json'),
          k: z.coerce
            .number()
            .int()
            .min(2)
            .max(50)
            .optional()
            .describe("never below the organisation's disclosure floor; omitted: the floor"),
        }),
        response: { 200: HtcdsExportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await exportHtcds(ctx, requireSession(request).actor, request.query.k);
      if (request.query.format === 'json') return presentHtcdsExport(result);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ariadne-htcds.csv"')
        .send((await htcdsCsv(ctx, request.session!.actor, result.records)) as never);
    },
  );
};
