/**
 * What a referral needs of the sender's custom forms (issue #17): the referral sections they
 * declare (any published version: a record keeps the section of the version it was recorded
 * under), and the sender's list labels in every language, so choices from a list keep their
 * labels on the partner's side, which has not got the sender's lists.
 */
import { FormDefinitionSchema } from '../domain/forms/definition';
import type { ListLabels } from '../domain/forms/referral';
import type { Tx } from '../storage/database';
import { customFormsRepo } from '../storage/repositories/custom-forms';
import { loadLists } from './reference-lists';

export async function formReferralSections(tx: Tx, organisationId: string): Promise<string[]> {
  const forms = await customFormsRepo.list(tx, organisationId);
  const versions = await customFormsRepo.versionsOf(
    tx,
    organisationId,
    forms.map((f) => f.id),
  );
  const sections = versions
    .map((v) => FormDefinitionSchema.parse(v.definition).referralSection)
    .filter((s): s is string => s !== null);
  return [...new Set(sections)];
}

export async function listLabelsOf(tx: Tx, organisationId: string): Promise<ListLabels> {
  const { all } = await loadLists(tx, organisationId);
  return Object.fromEntries(all.map((l) => [l.key, Object.fromEntries(l.items.map((i) => [i.code, i.label]))]));
}
