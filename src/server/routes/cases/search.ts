/** Possible duplicates of an intake being typed: the same matching as the case list's name search. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../domain/shared/zod';
import type { AppContext } from '../../../services/context';
import { possibleMatches } from '../../../services/name-search';
import { requireSession } from '../../plugins/session';
import { PossibleMatchSchema, presentPossibleMatch } from '../../presenters/possible-match';
import { errorResponses } from '../../schemas';

export const PossibleMatchesQuery = z.strictObject({
  given: z.string().trim().min(1).max(200),
  family: z.string().trim().max(200).optional(),
  dob: isoDate.optional(),
});

/** GET /api/cases/possible-matches. */
export const PossibleMatchesResponse = z.strictObject({ matches: z.array(PossibleMatchSchema) });

export const caseSearchRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/cases/possible-matches',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Persons of this organisation who may be the one being recorded (partial, misspelt names; date of birth); audited as a search',
        querystring: PossibleMatchesQuery,
        response: { 200: PossibleMatchesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      matches: (await possibleMatches(ctx, requireSession(request).actor, request.query)).map(presentPossibleMatch),
    }),
  );
};
