/** Thin handlers for administering the organisation's reference lists (issue #17); reading is /api/reference-lists. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddItemInputSchema,
  EditItemInputSchema,
  ListKeySchema,
  ListVersionInputSchema,
  ReorderInputSchema,
} from '../../../domain/reference/admin';
import { code } from '../../../domain/shared/zod';
import type { AppContext } from '../../../services/context';
import * as admin from '../../../services/reference-admin';
import { requireSession } from '../../plugins/session';
import {
  presentProposal,
  presentReferenceList,
  ReferenceListViewSchema,
  ReferenceProposalViewSchema,
} from '../../presenters/reference';
import { errorResponses } from '../../schemas';

/** Every change answers with the list as it now is (its new version included). */
export const ReferenceListResponse = z.strictObject({ list: ReferenceListViewSchema });
/** GET /api/reference-lists/proposals. */
export const ReferenceProposalsResponse = z.strictObject({ proposals: z.array(ReferenceProposalViewSchema) });

const ListParams = z.strictObject({ key: ListKeySchema });
const ItemParams = z.strictObject({ key: ListKeySchema, code });

export const referenceListRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['reference'];
  const answer = { 200: ReferenceListResponse, ...errorResponses };

  app.post(
    '/api/reference-lists/:key/items',
    {
      schema: {
        tags,
        summary: 'Add an item to a list: a code unique in the list, labels in any language (English always)',
        params: ListParams,
        body: AddItemInputSchema,
        response: { 201: ReferenceListResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      const list = await admin.addItem(ctx, requireSession(request).actor, key, request.body);
      return reply.code(201).send({ list: presentReferenceList(list) });
    },
  );

  app.patch(
    '/api/reference-lists/:key/items/:code',
    {
      schema: {
        tags,
        summary: "Edit an item's labels (every language) or, on the means list, its Palermo means mark",
        params: ItemParams,
        body: EditItemInputSchema,
        response: answer,
      },
    },
    async (request) => {
      const { key, code: itemCode } = request.params;
      const list = await admin.editItem(ctx, requireSession(request).actor, key, itemCode, request.body);
      return { list: presentReferenceList(list) };
    },
  );

  for (const [action, active] of [
    ['retire', false],
    ['restore', true],
  ] as const) {
    app.post(
      `/api/reference-lists/:key/items/:code/${action}`,
      {
        schema: {
          tags,
          summary: active
            ? 'Restore a retired item: it is offered for new records again'
            : 'Retire an item (never deleted): refused for new records, still labelled on old ones',
          params: ItemParams,
          body: ListVersionInputSchema,
          response: answer,
        },
      },
      async (request) => {
        const { key, code: itemCode } = request.params;
        const actor = requireSession(request).actor;
        return {
          list: presentReferenceList(await admin.setItemActive(ctx, actor, key, itemCode, active, request.body)),
        };
      },
    );
  }

  app.put(
    '/api/reference-lists/:key/order',
    {
      schema: {
        tags,
        summary: 'Reorder a list: every item of it, retired ones too, once each, in the new order',
        params: ListParams,
        body: ReorderInputSchema,
        response: answer,
      },
    },
    async (request) => {
      const list = await admin.reorderList(ctx, requireSession(request).actor, request.params.key, request.body);
      return { list: presentReferenceList(list) };
    },
  );

  app.get(
    '/api/reference-lists/proposals',
    {
      schema: {
        tags,
        summary: 'Items a release added to lists the organisation already has, waiting to be accepted or dismissed',
        response: { 200: ReferenceProposalsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      proposals: (await admin.listProposals(ctx, requireSession(request).actor)).map(presentProposal),
    }),
  );

  for (const decision of ['accept', 'dismiss'] as const) {
    app.post(
      `/api/reference-lists/:key/proposals/:code/${decision}`,
      {
        schema: {
          tags,
          summary:
            decision === 'accept'
              ? 'Accept a proposed item: it is added at the end of her list'
              : 'Dismiss a proposed item: it is never proposed again',
          params: ItemParams,
          body: z.strictObject({}).optional(),
          response: answer,
        },
      },
      async (request) => {
        const { key, code: itemCode } = request.params;
        const list = await admin.decideProposal(ctx, requireSession(request).actor, key, itemCode, decision);
        return { list: presentReferenceList(list) };
      },
    );
  }
};
