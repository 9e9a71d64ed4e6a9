/**
 * XLSForm import and export of custom forms (issue #17). The workbook is read and written here with
 * exceljs; the mapping from rows to a definition is pure (src/domain/forms/xlsform.ts). An import
 * creates a DRAFT through the forms service (createForm: its checks, audit and code uniqueness), so
 * nothing imported is offered to staff before an administrator publishes it.
 */
import { DomainError } from '../domain/errors';
import { errors } from '../errors';
import { fromXlsForm, type RenamedChoice, type SkippedRow, toXlsForm } from '../domain/forms/xlsform';
import type { Actor } from '../policies/policies';
import { requireAccess } from './authorize';
import type { AppContext } from './context';
import { createForm, formVersion, getForm, type FormView } from './custom-forms';
import { referenceLists } from './reference-lists';
import { readXlsForm, writeXlsForm } from './xlsform-workbook';

export interface ImportedForm {
  form: FormView;
  skipped: SkippedRow[];
  renamed: RenamedChoice[];
}

/**
 * Imports an XLSForm as a new draft. Refuses it whole (400 invalid_xlsform) when any row does not
 * map, with details.rows naming each (sheet, row, reason).
 */
export async function importXlsForm(
  ctx: AppContext,
  actor: Actor,
  bytes: Buffer | Uint8Array,
  options: { code?: string; target?: string } = {},
): Promise<ImportedForm> {
  requireAccess(actor, 'configuration.manage', { organisationId: actor.organisationId });
  const sheets = await readXlsForm(bytes);
  const keys = new Set((await referenceLists(ctx, actor)).map((list) => list.key));
  const result = fromXlsForm(sheets, { ...options, hasList: (key) => keys.has(key) });
  if (!result.form)
    throw new DomainError(
      'invalid_xlsform',
      `${result.problems.length} row${result.problems.length === 1 ? '' : 's'} of the XLSForm do not map`,
      { rows: result.problems },
    );
  const form = await createForm(ctx, actor, { definition: result.form });
  return { form, skipped: result.skipped, renamed: result.renamed };
}

/**
 * A form as an XLSForm workbook: its draft (administrators build from it), or with `version` that
 * published version. The organisation's lists the form chooses from are written into the choices.
 */
export async function exportXlsForm(
  ctx: AppContext,
  actor: Actor,
  code: string,
  version?: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  requireAccess(actor, 'configuration.manage', { organisationId: actor.organisationId });
  const view = await getForm(ctx, actor, code);
  const chosen =
    version !== undefined ? (await formVersion(ctx, actor, code, version)).definition : (view.draft ?? view.published);
  // A form always has a draft or a published version; neither is a form that is not there.
  if (!chosen) throw errors.notFound();
  const lists = await referenceLists(ctx, actor);
  // Only the items offered for new records: a retired item is no choice in ODK or KoBo either.
  const items = (key: string) =>
    lists
      .find((list) => list.key === key)
      ?.items.filter((item) => item.active)
      .map((item) => ({ code: item.code, label: item.label })) ?? [];
  const sheets = toXlsForm(chosen, items, version ?? (view.currentVersion > 0 ? view.currentVersion : undefined));
  const bytes = await writeXlsForm(sheets);
  return { fileName: `${code}.xlsx`, bytes };
}
