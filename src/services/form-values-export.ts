/**
 * The CSV export of one custom form's recorded values (issue #17): the organisation's records of
 * it, one row each, one column per field over every version. Built from the records' clear part
 * only: sealed fields (free text, attachments, anything sensitive) are withheld and named, never
 * decrypted. Audited as `export.form_values` with the exported field names; the CSV is written in
 * a worker thread like the other exports.
 */
import { FormDefinitionSchema, type FieldValue } from '../domain/forms/definition';
import type { ExportRecord, FormValuesExport } from '../domain/forms/export';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import type { StoredList } from '../storage/repositories/reference-items';
import { auditRepo } from '../storage/repositories/audit';
import { customFormsRepo } from '../storage/repositories/custom-forms';
import { formValuesRepo } from '../storage/repositories/form-values';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { loadLists } from './reference-lists';
import { runInWorker } from './workers';

/** Labels of every list item (retired ones too: an old record keeps its code), keyed `<list>.<code>`. */
export function codeLabels(all: readonly StoredList[], language: string): Record<string, string> {
  const codes: Record<string, string> = {};
  for (const list of all)
    for (const item of list.items) codes[`${list.key}.${item.code}`] = item.label[language] ?? item.label.en;
  return codes;
}

export interface FormValuesCsv extends FormValuesExport {
  form: string;
}

export async function exportFormValues(
  ctx: AppContext,
  actor: Actor,
  code: string,
  language = 'en',
): Promise<FormValuesCsv> {
  requireAccess(actor, 'forms.export', { organisationId: actor.organisationId });
  const locale = /^[a-z]{2,3}(-[A-Z]{2})?$/.test(language) ? language : 'en';
  const gathered = await inTenant(ctx, actor, async (tx) => {
    const org = actor.organisationId;
    // By code within the actor's organisation only: another organisation's form is not found.
    const form = await customFormsRepo.byCode(tx, org, code);
    if (!form) throw errors.notFound();
    const versions = (await customFormsRepo.versionsOf(tx, org, [form.id])).map((v) => ({
      version: v.version,
      definition: FormDefinitionSchema.parse(v.definition),
    }));
    const records: ExportRecord[] = (await formValuesRepo.ofForm(tx, org, code)).flatMap((row) => {
      const custom = (row.kind === 'custom_form' ? row.data : row.data.custom) as
        { version?: unknown; values?: Record<string, FieldValue> } | undefined;
      if (!custom || typeof custom.version !== 'number') return [];
      return [
        {
          caseReference: row.caseReference,
          recordedAt: new Date(row.recordedAt).toISOString(),
          version: custom.version,
          values: custom.values ?? {},
        },
      ];
    });
    const codes = codeLabels((await loadLists(tx, org)).all, locale.split('-')[0]);
    return { form, versions, records, codes };
  });
  const result = await runInWorker(
    ctx,
    'export.form-values-csv',
    { versions: gathered.versions, records: gathered.records, locale, codes: gathered.codes },
    { organisationId: actor.organisationId },
  );
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'export.form_values',
      entityType: 'custom_form',
      entityId: gathered.form.id,
      // Field names only, as in every audit entry; the withheld ones are not in the file.
      fields: result.columns.map((c) => c.split(' ')[0]),
    }),
  );
  return { ...result, form: code };
}
