/**
 * Her own preferences, kept with her account on the server (not in one browser): the language the
 * web shows at login on any browser and the server writes its own texts in. Also the choice of a
 * request's language for texts the server writes: her preference, else the Accept-Language header.
 */
import { errors } from '../errors';
import { discoverLanguages, SOURCE_LANGUAGE } from '../i18n/resources';
import type { Actor } from '../policies/policies';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { usersRepo } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

let languages: string[] | undefined;
/** The languages shipped under locales/ (English first). */
export const shippedLanguages = (): string[] => (languages ??= discoverLanguages());

/**
 * The language of a request: a supported preference first, then the first supported language of
 * Accept-Language (by q-value, a region falls back to its language), then English.
 *
 * @example pickLanguage(null, 'fr-CH,fr;q=0.9,en;q=0.8') // 'fr'
 */
export function pickLanguage(preferred: string | null | undefined, acceptLanguage: string | undefined): string {
  const known = shippedLanguages();
  if (preferred && known.includes(preferred)) return preferred;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (known.includes(tag)) return tag;
    const base = tag.split('-')[0].toLowerCase();
    if (known.includes(base)) return base;
  }
  return SOURCE_LANGUAGE;
}

export interface Preferences {
  locale: string | null;
}

export async function getPreferences(ctx: AppContext, actor: Actor): Promise<Preferences> {
  requireAccess(actor, 'account.manage', { organisationId: actor.organisationId, ownerUserId: actor.userId });
  const user = await usersRepo.findById(ctx.db.system, actor.userId);
  if (!user) throw errors.unauthenticated();
  return { locale: user.preferred_locale };
}

/** Sets her language (null: follow the browser); a language not shipped is refused on its field. */
export async function updatePreferences(ctx: AppContext, actor: Actor, input: Preferences): Promise<Preferences> {
  requireAccess(actor, 'account.manage', { organisationId: actor.organisationId, ownerUserId: actor.userId });
  if (input.locale !== null && !shippedLanguages().includes(input.locale))
    throw errors.validation([
      {
        path: 'locale',
        code: 'unknown_language',
        message: `Unknown language; one of ${shippedLanguages().join(', ')}`,
      },
    ]);
  await withSystem(ctx.db, async (tx) => {
    await usersRepo.setPreferredLocale(tx, actor.userId, input.locale);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'account.preferences.update',
      entityType: 'user',
      entityId: actor.userId,
      fields: ['preferred_locale'],
    });
  });
  return { locale: input.locale };
}

/** The language for texts the server writes in answer to this actor's request. */
export async function requestLanguage(
  ctx: AppContext,
  actor: Actor | undefined,
  acceptLanguage: string | undefined,
): Promise<string> {
  const preferred = actor ? (await usersRepo.findById(ctx.db.system, actor.userId))?.preferred_locale : null;
  return pickLanguage(preferred, acceptLanguage);
}
