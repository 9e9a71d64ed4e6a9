/** Her own preferences (the language), kept with her account on the server. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context';
import { getPreferences, updatePreferences } from '../../../services/preferences';
import { requireSession } from '../../plugins/session';
import { errorResponses } from '../../schemas';

export const PreferencesSchema = z
  .strictObject({
    /** A language code with a folder under locales/ (en, fr, it, sk, …); null: follow the browser. */
    locale: z.string().nullable(),
  })
  .meta({ id: 'Preferences' });

const PreferencesBody = z.strictObject({
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/)
    .nullable(),
});

const present = (p: { locale: string | null }) => ({ locale: p.locale });

export const preferenceRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/account/preferences',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your preferences (language), stored with your account',
        response: { 200: PreferencesSchema, ...errorResponses },
      },
    },
    async (request) => present(await getPreferences(ctx, requireSession(request).actor)),
  );

  app.patch(
    '/api/account/preferences',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set your language; the web applies it at login on any browser',
        body: PreferencesBody,
        response: { 200: PreferencesSchema, ...errorResponses },
      },
    },
    async (request) => present(await updatePreferences(ctx, requireSession(request).actor, request.body)),
  );
};
