/** The printed case file: a PDF of the sections the caseworker chose, in her language. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_FILE_SECTIONS } from '../../../domain/cases/case-file';
import { printCaseFile } from '../../../services/case-file';
import type { AppContext } from '../../../services/context';
import { requireSession } from '../../plugins/session';
import { heavyRateLimit } from '../../plugins/heavy';
import { errorResponses } from '../../schemas';
import { CaseParams } from './schema';

export const PrintCaseFileBody = z.strictObject({
  sections: z
    .array(z.enum(CASE_FILE_SECTIONS))
    .min(1)
    .max(CASE_FILE_SECTIONS.length * 2)
    .describe('the sections to print; the file keeps its own order'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/)
    .optional()
    .describe("labels and dates in this language (default: English); codes use the organisation's labels"),
  timeZone: z
    .string()
    .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/)
    .max(64)
    .optional()
    .describe('IANA time zone for the print time and record times (default: UTC)'),
});

export const printRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/cases/:id/print',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['cases'],
        summary:
          'The case file as a PDF (application/pdf) of the chosen sections, with who printed it and when on every page; audited as case.print',
        params: CaseParams,
        body: PrintCaseFileBody,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reference, pdf } = await printCaseFile(
        ctx,
        requireSession(request).actor,
        request.params.id,
        request.body,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="case-file-${reference.replace(/[^A-Za-z0-9-]/g, '')}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(pdf as never);
    },
  );
};
