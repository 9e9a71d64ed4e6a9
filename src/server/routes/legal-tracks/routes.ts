/** Thin handlers for the organisation's legal tracks (issue #17): read by its staff, added and edited by its administrator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LegalTrackInputSchema, LegalTrackUpdateSchema } from '../../../domain/legal-tracks/inputs';
import type { AppContext } from '../../../services/context';
import * as tracks from '../../../services/legal-tracks';
import { requireSession } from '../../plugins/session';
import { LegalTrackViewSchema, presentLegalTrack } from '../../presenters/legal-track';
import { errorResponses } from '../../schemas';

/** GET /api/legal-tracks: the current track of each country. */
export const LegalTracksResponse = z.strictObject({ tracks: z.array(LegalTrackViewSchema) });
/** GET /api/legal-tracks/:country: the current version and every earlier one, newest first. */
export const LegalTrackResponse = z.strictObject({
  track: LegalTrackViewSchema,
  versions: z.array(LegalTrackViewSchema),
});

const Country = z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/) });

export const legalTrackRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['legal-tracks'];
  app.get(
    '/api/legal-tracks',
    {
      schema: {
        tags,
        summary: "The organisation's legal track of each country: steps, durations, extensions and their conditions",
        response: { 200: LegalTracksResponse, ...errorResponses },
      },
    },
    async (request) => ({
      tracks: (await tracks.listTracks(ctx, requireSession(request).actor)).map(presentLegalTrack),
    }),
  );

  app.get(
    '/api/legal-tracks/:country',
    {
      schema: {
        tags,
        summary: "One country's legal track with its earlier versions",
        params: Country,
        response: { 200: LegalTrackResponse, ...errorResponses },
      },
    },
    async (request) => {
      const versions = (await tracks.trackOf(ctx, requireSession(request).actor, request.params.country)).map(
        presentLegalTrack,
      );
      return { track: versions[0]!, versions };
    },
  );

  app.post(
    '/api/legal-tracks',
    {
      schema: {
        tags,
        summary: "Add a country's legal track (administrators)",
        body: LegalTrackInputSchema,
        response: { 201: LegalTrackViewSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentLegalTrack(await tracks.addTrack(ctx, requireSession(request).actor, request.body))),
  );

  app.put(
    '/api/legal-tracks/:country',
    {
      schema: {
        tags,
        summary:
          "Change a country's legal track: a new version; recorded events keep the version they were computed under",
        params: Country,
        body: LegalTrackUpdateSchema,
        response: { 200: LegalTrackViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentLegalTrack(
        await tracks.updateTrack(ctx, requireSession(request).actor, request.params.country, request.body),
      ),
  );
};
