/**
 * Sealing and opening case records: the secret fields of a record (SECRET_FIELDS) go into one
 * ciphertext under the organisation's data key, the rest stays clear for statistics and the agenda.
 * Every reader that shows or needs free text opens the rows here; readers of codes and dates
 * use the clear part as it is and need no key.
 */
import { SECRET_FIELDS, type EntryKind } from '../domain/cases/entries';
import { mergeSecretFields, splitSecretFields } from '../domain/cases/entry-secrets';
import { SEALED_VALUES } from '../domain/forms/record';
import type { AppContext } from './context';

export async function sealEntry(ctx: AppContext, organisationId: string, kind: string, data: Record<string, unknown>) {
  // Any kind's record may carry custom fields (data.custom), whose sealed values wait under SEALED_VALUES.
  const paths = [...new Set([...(SECRET_FIELDS[kind as EntryKind] ?? []), SEALED_VALUES])];
  const { clear, secrets } = splitSecretFields(paths, data);
  const secretEnc = secrets ? await ctx.keyRing.encrypt(organisationId, JSON.stringify(secrets)) : null;
  return { clear, secretEnc };
}

/** The row with its whole record in `data`; only for staff of the organisation holding it. */
export async function openEntry<R extends { data: Record<string, unknown>; secretEnc: string | null }>(
  ctx: AppContext,
  organisationId: string,
  row: R,
): Promise<R> {
  if (!row.secretEnc) return row;
  const secrets = JSON.parse(await ctx.keyRing.decrypt(organisationId, row.secretEnc)) as Record<string, unknown>;
  return { ...row, data: mergeSecretFields(row.data, secrets) };
}

export const openEntries = <R extends { data: Record<string, unknown>; secretEnc: string | null }>(
  ctx: AppContext,
  organisationId: string,
  rows: R[],
) => Promise.all(rows.map((r) => openEntry(ctx, organisationId, r)));
