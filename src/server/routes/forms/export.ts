/**
 * Thin handler for the CSV export of a custom form's recorded values (issue #17). The fields left
 * out because they are sealed are named in the `x-withheld-fields` header (and by the CLI), so the
 * reader knows what the file does not hold.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { code } from '../../../domain/shared/zod';
import type { AppContext } from '../../../services/context';
import { exportFormValues } from '../../../services/form-values-export';
import { heavyRateLimit } from '../../plugins/heavy';
import { requireSession } from '../../plugins/session';
import { errorResponses } from '../../schemas';

export const formExportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/forms/:code/export.csv',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['forms'],
        summary:
          "This organisation's recorded values of a custom form as CSV: one row per record (case reference, recorded on, form version), one column per field over every version; sealed fields (text, long text, attachments, sensitive) are withheld and named in the x-withheld-fields header",
        params: z.strictObject({ code }),
        querystring: z.strictObject({
          language: z
            .string()
            .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/)
            .optional()
            .describe('labels in the header and choice cells; English by default'),
        }),
        response: { 200: z.string().describe('text/csv'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await exportFormValues(
        ctx,
        requireSession(request).actor,
        request.params.code,
        request.query.language,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ariadne-form-${result.form}.csv"`)
        .header('x-withheld-fields', result.withheld.join(','))
        .header('access-control-expose-headers', 'x-withheld-fields')
        .send(result.csv);
    },
  );
};
