/** Reference lists and the staff directory used by case forms. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { referenceLists } from '../../../services/reference-lists';
import { listStaff } from '../../../services/users';
import { requireSession } from '../../plugins/session';
import { presentReferenceList, ReferenceListViewSchema } from '../../presenters/reference';
import { errorResponses } from '../../schemas';

/** GET /api/reference-lists. */
export const ReferenceListsResponse = z.strictObject({ lists: z.array(ReferenceListViewSchema) });
/** GET /api/staff: names and roles only. */
export const StaffDirectoryResponse = z.object({
  staff: z.array(z.object({ id: z.string().uuid(), displayName: z.string(), roles: z.array(z.string()) })),
});

export const referenceRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/reference-lists',
    {
      schema: {
        tags: ['reference'],
        summary: "The organisation's configurable lists with labels in every language",
        response: { 200: ReferenceListsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      lists: (await referenceLists(ctx, requireSession(request).actor)).map(presentReferenceList),
    }),
  );

  app.get(
    '/api/staff',
    {
      schema: {
        tags: ['reference'],
        summary: 'Active staff of the organisation (names and roles only), e.g. to pick a case owner',
        response: {
          200: StaffDirectoryResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => ({ staff: await listStaff(ctx, requireSession(request).actor) }),
  );
};
