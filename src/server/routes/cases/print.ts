/** The printed case file: a PDF of the sections the caseworker chose, in her language. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PrintCaseFileBody } from '../../../domain/cases/inputs';
import { printCaseFile } from '../../../services/case-file';
import type { AppContext } from '../../../services/context';
import { requireSession } from '../../plugins/session';
import { heavyRateLimit } from '../../plugins/heavy';
import { errorResponses } from '../../schemas';
import { CaseParams } from './schema';

// The body is the domain's schema, shared with the case-file service.
export { PrintCaseFileBody };

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
