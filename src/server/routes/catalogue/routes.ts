/** Thin handlers for the professional roles and profiles catalogue and the staff-to-role mapping. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CatalogueCodeSchema, ProfileInputSchema, RoleInputSchema } from '../../../domain/roles/catalogue';
import * as catalogue from '../../../services/catalogue';
import type { AppContext } from '../../../services/context';
import { requireSession } from '../../plugins/session';
import { CatalogueViewSchema, presentCatalogue, presentStaffRoles, StaffRolesSchema } from '../../presenters/catalogue';
import { NetworkRoleCoverageSchema, presentNetworkRoleCoverage } from '../../presenters/network';
import { errorResponses } from '../../schemas';

const CatalogueView = CatalogueViewSchema;
const StaffRoles = StaffRolesSchema;

/** GET /api/staff/roles. */
export const StaffRolesResponse = z.object({ staff: z.array(StaffRoles) });
/** GET /api/network/roles: staff counts per role, never names. */
export const NetworkRolesResponse = z.object({ organisations: z.array(NetworkRoleCoverageSchema) });

export const catalogueRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['roles'];
  app.get(
    '/api/catalogue',
    {
      schema: {
        tags,
        summary:
          "The organisation's professional profiles and roles (with 7-field role cards), and the shared EX-CHANGE taxonomy they map to",
        response: { 200: CatalogueView, ...errorResponses },
      },
    },
    async (request) => presentCatalogue(await catalogue.getCatalogue(ctx, requireSession(request).actor)),
  );

  app.put(
    '/api/catalogue/roles/:code',
    {
      schema: {
        tags,
        summary:
          'Create or edit a local role: names and role card in any of the four languages, mapped to a role of the shared taxonomy',
        params: z.strictObject({ code: CatalogueCodeSchema }),
        body: RoleInputSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await catalogue.saveRole(ctx, requireSession(request).actor, request.params.code, request.body);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/catalogue/profiles/:code',
    {
      schema: {
        tags,
        summary: 'Create or edit a local profile (qualification), mapped to a profile of the shared taxonomy',
        params: z.strictObject({ code: CatalogueCodeSchema }),
        body: ProfileInputSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await catalogue.saveProfile(ctx, requireSession(request).actor, request.params.code, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/staff/roles',
    {
      schema: {
        tags,
        summary: 'Staff with the professional roles and profiles they hold',
        response: { 200: StaffRolesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      staff: (await catalogue.listStaffRoles(ctx, requireSession(request).actor)).map(presentStaffRoles),
    }),
  );

  app.put(
    '/api/staff/:userId/roles',
    {
      schema: {
        tags,
        summary: "Replace a staff member's professional roles and profiles (a person can hold several)",
        params: z.strictObject({ userId: z.string().uuid() }),
        body: z.strictObject({
          roles: z.array(CatalogueCodeSchema).max(50),
          profiles: z.array(CatalogueCodeSchema).max(50),
        }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await catalogue.setStaffRoles(ctx, requireSession(request).actor, request.params.userId, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/network/roles',
    {
      schema: {
        tags,
        summary:
          'Which roles of the shared taxonomy each active network member covers, with staff counts (never names)',
        response: { 200: NetworkRolesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      organisations: (await catalogue.networkRoleCoverage(ctx, requireSession(request).actor)).map(
        presentNetworkRoleCoverage,
      ),
    }),
  );
};
