/**
 * Custom forms (issue #17): an administrator builds a draft, publishes it as version N+1 (never
 * changed afterwards) and retires it; staff fill in published forms on a case. Recorded values name
 * their version and are always validated and read with that version's definition, so editing a form
 * never reinterprets what was recorded. Values of sealed fields are encrypted with the record.
 */
import crypto from 'node:crypto';
import { ENTRY_KINDS } from '../domain/cases/entries';
import { toIsoDate } from '../domain/cases/dates';
import { DomainError } from '../domain/errors';
import { FormDefinitionSchema, type FormDefinition, type FormValues } from '../domain/forms/definition';
import { type CreateFormInput, type FormLockInput, type UpdateDraftInput } from '../domain/forms/inputs';
import { CustomValuesSchema, foldSealed, splitSealed, type CustomValues } from '../domain/forms/record';
import { checkDefinition, validateValues } from '../domain/forms/validate';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import {
  customFormsRepo,
  type FormRow,
  type FormStatus,
  type FormVersionRow,
} from '../storage/repositories/custom-forms';
import { requireAccess } from './authorize';
import { requireCase } from './cases';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { openEntries } from './entry-secrets';
import { loadLists, type ListIndex } from './reference-lists';

export interface FormView {
  id: string;
  code: string;
  target: string;
  status: FormStatus;
  currentVersion: number;
  lockVersion: number;
  updatedAt: Date;
  /** The draft being edited (administrators only); null in the staff's list of published forms. */
  draft: FormDefinition | null;
  /** The definition of the current published version; null before the first publication. */
  published: FormDefinition | null;
}

export interface FormVersionView {
  code: string;
  version: number;
  definition: FormDefinition;
  publishedAt: Date;
  publishedBy: { id: string; displayName: string } | null;
}

/** One recorded custom record with the definition of its own version: what the case file, exports and referrals read. */
export interface CustomRecordView {
  entryId: string;
  /** `custom_form`, or the kind whose record carries the fields. */
  kind: string;
  form: string;
  version: number;
  definition: FormDefinition;
  values: FormValues;
  recordedAt: Date;
}

/** Targets a form may have: the case record, or a kind of case record (not a custom form itself). */
export const FORM_TARGETS = ['case', ...ENTRY_KINDS.filter((k) => k !== 'custom_form')] as const;

const own = (actor: Actor) => ({ organisationId: actor.organisationId });
const parseDefinition = (raw: unknown) => FormDefinitionSchema.parse(raw);

async function audit(tx: Tx, actor: Actor, action: string, formId: string, fields: string[] = []) {
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType: 'custom_form',
    entityId: formId,
    fields,
  });
}

function view(row: FormRow, published: FormVersionRow | undefined, withDraft: boolean): FormView {
  return {
    id: row.id,
    code: row.code,
    target: row.target,
    status: row.status,
    currentVersion: row.currentVersion,
    lockVersion: row.lockVersion,
    updatedAt: row.updatedAt,
    draft: withDraft ? parseDefinition(row.draft) : null,
    published: published ? parseDefinition(published.definition) : null,
  };
}

async function requireForm(tx: Tx, actor: Actor, code: string): Promise<FormRow> {
  const row = await customFormsRepo.byCode(tx, actor.organisationId, code);
  if (!row) throw errors.notFound();
  return row;
}

/** Field errors of a definition at its own paths (`sections.0.fields.2.relevant`), for the builder. */
function definitionIssues(form: FormDefinition, lists: ListIndex) {
  type Issue = { path: (string | number)[]; code: string; message: string; position?: number };
  const issues: Issue[] = checkDefinition(form).map((i) => ({
    path: i.path,
    code: i.code,
    message: i.message,
    ...(i.position !== undefined ? { position: i.position } : {}),
  }));
  if (!(FORM_TARGETS as readonly string[]).includes(form.target))
    issues.push({ path: ['target'], code: 'unknown_target', message: `"${form.target}" is not a form target` });
  form.sections.forEach((section, s) =>
    section.fields.forEach((field, f) => {
      const list = field.choices && 'list' in field.choices ? field.choices.list : null;
      if (list && !lists.lists.some((l) => l.key === list))
        issues.push({
          path: ['sections', s, 'fields', f, 'choices', 'list'],
          code: 'unknown_list',
          message: `The organisation has no list "${list}"`,
        });
    }),
  );
  return issues;
}

/** All forms of the organisation, drafts included: the builder's list (administrators). */
export async function listForms(ctx: AppContext, actor: Actor): Promise<FormView[]> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const rows = await customFormsRepo.list(tx, actor.organisationId);
      const versions = await customFormsRepo.versionsOf(
        tx,
        actor.organisationId,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        view(
          r,
          versions.find((v) => v.formId === r.id && v.version === r.currentVersion),
          true,
        ),
      );
    },
    READS_ONLY,
  );
}

/** Published forms (optionally for one target) with their current definition: what staff fill in. */
export async function listPublishedForms(ctx: AppContext, actor: Actor, target?: string): Promise<FormView[]> {
  requireAccess(actor, 'forms.read', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const rows = target
        ? await customFormsRepo.publishedFor(tx, actor.organisationId, target)
        : await customFormsRepo.list(tx, actor.organisationId, ['published']);
      const versions = await customFormsRepo.versionsOf(
        tx,
        actor.organisationId,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        view(
          r,
          versions.find((v) => v.formId === r.id && v.version === r.currentVersion),
          false,
        ),
      );
    },
    READS_ONLY,
  );
}

/** One form with its draft (administrators). */
export async function getForm(ctx: AppContext, actor: Actor, code: string): Promise<FormView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await requireForm(tx, actor, code);
      return view(row, await customFormsRepo.version(tx, actor.organisationId, row.id, row.currentVersion), true);
    },
    READS_ONLY,
  );
}

/** A published version, as it was published: records made under it are read with it, retired or not. */
export async function formVersion(ctx: AppContext, actor: Actor, code: string, version: number) {
  requireAccess(actor, 'forms.read', own(actor));
  return inTenant(
    ctx,
    actor,
    async (tx): Promise<FormVersionView> => {
      const row = await requireForm(tx, actor, code);
      const v = await customFormsRepo.version(tx, actor.organisationId, row.id, version);
      if (!v) throw errors.notFound();
      return {
        code: row.code,
        version: v.version,
        definition: parseDefinition(v.definition),
        publishedAt: v.publishedAt,
        publishedBy: v.publishedBy ? { id: v.publishedBy, displayName: v.publishedByName ?? '' } : null,
      };
    },
    READS_ONLY,
  );
}

/** A new form from a definition (the builder, or an imported XLSForm): a draft, not yet offered. */
export async function createForm(ctx: AppContext, actor: Actor, input: CreateFormInput): Promise<FormView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  const definition = parseDefinition(input.definition);
  return inTenant(ctx, actor, async (tx) => {
    if (await customFormsRepo.byCode(tx, actor.organisationId, definition.code))
      throw errors.conflict('form_code_taken', `A form with the code "${definition.code}" exists already`);
    const id = crypto.randomUUID();
    await customFormsRepo.insert(tx, {
      organisationId: actor.organisationId,
      id,
      code: definition.code,
      target: definition.target,
      draft: definition,
      createdBy: actor.userId,
    });
    await audit(tx, actor, 'configuration.form.create', id, ['draft']);
    return view((await customFormsRepo.byCode(tx, actor.organisationId, definition.code))!, undefined, true);
  });
}

/** Replaces the draft; a lock version someone else moved on answers 409 version_conflict. */
export async function updateDraft(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: UpdateDraftInput,
): Promise<FormView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  const definition = parseDefinition(input.definition);
  if (definition.code !== code)
    throw errors.validation([{ path: ['definition', 'code'], code: 'code_fixed', message: 'A form keeps its code' }]);
  return inTenant(ctx, actor, async (tx) => {
    const row = await requireForm(tx, actor, code);
    if (row.status === 'retired') throw errors.conflict('form_retired', 'A retired form is not edited');
    if (row.lockVersion !== input.lockVersion) throw errors.versionConflict();
    if (row.currentVersion > 0 && definition.target !== row.target)
      throw errors.validation([
        { path: ['definition', 'target'], code: 'target_fixed', message: 'A published form keeps its target' },
      ]);
    const ok = await customFormsRepo.updateDraft(tx, actor.organisationId, row.id, input.lockVersion, {
      target: definition.target,
      draft: definition,
    });
    if (!ok) throw errors.versionConflict();
    await audit(tx, actor, 'configuration.form.update', row.id, ['draft']);
    const updated = (await customFormsRepo.byCode(tx, actor.organisationId, code))!;
    return view(updated, await customFormsRepo.version(tx, actor.organisationId, row.id, row.currentVersion), true);
  });
}

/**
 * Publishes the draft as version N+1, once its expressions parse, its choice lists exist in the
 * organisation and its target is the case or a kind of record; earlier versions stay as they were.
 */
export async function publishForm(ctx: AppContext, actor: Actor, code: string, input: FormLockInput) {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx): Promise<FormView> => {
    const row = await requireForm(tx, actor, code);
    if (row.lockVersion !== input.lockVersion) throw errors.versionConflict();
    const definition = parseDefinition(row.draft);
    const issues = definitionIssues(definition, await loadLists(tx, actor.organisationId));
    if (issues.length > 0)
      throw errors.validation(
        issues.map((i) => ({ ...i, path: ['definition', ...i.path.map(String)] })),
        'The form cannot be published as it is',
      );
    const version = row.currentVersion + 1;
    await customFormsRepo.insertVersion(tx, {
      organisationId: actor.organisationId,
      formId: row.id,
      version,
      definition,
      publishedBy: actor.userId,
    });
    if (
      !(await customFormsRepo.setStatus(tx, actor.organisationId, row.id, input.lockVersion, {
        status: 'published',
        currentVersion: version,
      }))
    )
      throw errors.versionConflict();
    await audit(tx, actor, 'configuration.form.publish', row.id, [`version.${version}`]);
    return view(
      (await customFormsRepo.byCode(tx, actor.organisationId, code))!,
      { definition } as unknown as FormVersionRow,
      true,
    );
  });
}

/** No longer offered for new records; every record made under it stays readable with its version. */
export async function retireForm(ctx: AppContext, actor: Actor, code: string, input: FormLockInput) {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx): Promise<FormView> => {
    const row = await requireForm(tx, actor, code);
    if (row.lockVersion !== input.lockVersion) throw errors.versionConflict();
    if (row.status !== 'published') throw errors.conflict('form_not_published', 'Only a published form is retired');
    if (!(await customFormsRepo.setStatus(tx, actor.organisationId, row.id, input.lockVersion, { status: 'retired' })))
      throw errors.versionConflict();
    await audit(tx, actor, 'configuration.form.retire', row.id, ['status']);
    const updated = (await customFormsRepo.byCode(tx, actor.organisationId, code))!;
    return view(updated, await customFormsRepo.version(tx, actor.organisationId, row.id, row.currentVersion), true);
  });
}

// ——— Recording values (called by the case-entries service inside its transaction) ———

/**
 * Checks custom values against the definition of their version and returns the data to store:
 * irrelevant values dropped, calculations recomputed, sealed values moved under SEALED_VALUES.
 * A new record must use the form's current published version; a correction (`keepVersion`) keeps
 * the record's own version and is validated against it. `at` is where the values sit in the
 * request (`['data']` for a custom_form record, `['data', 'custom']` inside another kind).
 */
export async function prepareCustomValues(
  tx: Tx,
  organisationId: string,
  lists: ListIndex,
  raw: unknown,
  expect: { target: string; keepVersion?: { form: string; version: number } },
  at: string[],
): Promise<{ custom: CustomValues; sealed: FormValues }> {
  const parsed = CustomValuesSchema.safeParse(raw);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({ path: [...at, ...i.path.map(String)], code: i.code, message: i.message })),
    );
  const { form: code, version, values } = parsed.data;
  const row = await customFormsRepo.byCode(tx, organisationId, code);
  if (!row || row.target !== expect.target || row.currentVersion === 0)
    throw new DomainError('unknown_form', `No published form "${code}" for ${expect.target}`, {
      field: [...at, 'form'].join('.'),
    });
  if (expect.keepVersion) {
    if (expect.keepVersion.form !== code || expect.keepVersion.version !== version)
      throw new DomainError('form_version_fixed', 'A correction keeps the form and version it was recorded under', {
        field: [...at, 'version'].join('.'),
      });
  } else {
    if (row.status !== 'published')
      throw errors.conflict('form_retired', `The form "${code}" is retired; it takes no new records`);
    if (version !== row.currentVersion)
      throw errors.conflict(
        'form_version_stale',
        `The form "${code}" is at version ${row.currentVersion}; reload it and fill it in again`,
      );
  }
  const stored = await customFormsRepo.version(tx, organisationId, row.id, version);
  if (!stored) throw errors.notFound();
  const definition = parseDefinition(stored.definition);
  const result = validateValues(definition, values, {
    today: toIsoDate(new Date()),
    choicesOf: (list) => lists.lists.find((l) => l.key === list)?.items.map((i) => i.code),
    // A correction keeps what was recorded under a field retired since (within its own version).
    keepRetired: expect.keepVersion !== undefined,
  });
  if (result.issues.length > 0)
    throw errors.validation(
      result.issues.map((i) => ({
        path: i.field ? [...at, 'values', i.field] : [...at, 'values'],
        code: i.code,
        message: i.message,
      })),
      'Some answers of the form are not valid',
    );
  // Retired fields keep what an earlier version stored; no new record gets them (validateValues refuses them).
  const { clear, sealed } = splitSealed(definition, result.values);
  return { custom: { form: code, version, values: clear }, sealed };
}

/** The custom part of a stored record, if any, for corrections: its form and version stay. */
export function customOf(kind: string, data: Record<string, unknown>): { form: string; version: number } | undefined {
  const source = kind === 'custom_form' ? data : (data.custom as Record<string, unknown> | undefined);
  return source && typeof source.form === 'string' && typeof source.version === 'number'
    ? { form: source.form, version: source.version }
    : undefined;
}

/**
 * Every current custom record of a case (custom_form records, and other kinds' records with custom
 * fields), each with the definition of ITS version and its values decrypted and merged. For the case
 * file, exports and referral snapshots: staff of the organisation holding the case only.
 */
export async function customRecordsOf(ctx: AppContext, actor: Actor, caseId: string): Promise<CustomRecordView[]> {
  requireAccess(actor, 'case.read', own(actor));
  return inTenant(ctx, actor, (tx) => customRecordsInTx(ctx, tx, actor, caseId), READS_ONLY);
}

/** The same inside a caller's tenant transaction (the case-file and export services). */
export async function customRecordsInTx(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  caseId: string,
): Promise<CustomRecordView[]> {
  await requireCase(tx, actor, caseId);
  const rows = (await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId])).filter(
    (r) => r.kind === 'custom_form' || r.data.custom !== undefined,
  );
  if (rows.length === 0) return [];
  const opened = await openEntries(ctx, actor.organisationId, rows);
  const forms = await customFormsRepo.list(tx, actor.organisationId);
  const versions = await customFormsRepo.versionsOf(
    tx,
    actor.organisationId,
    forms.map((f) => f.id),
  );
  const definitionOf = (code: string, version: number) => {
    const form = forms.find((f) => f.code === code);
    const v = form && versions.find((x) => x.formId === form.id && x.version === version);
    return v ? parseDefinition(v.definition) : undefined;
  };
  const out: CustomRecordView[] = [];
  for (const row of opened) {
    const data = foldSealed(row.kind, row.data);
    const custom = (row.kind === 'custom_form' ? data : data.custom) as CustomValues | undefined;
    if (!custom) continue;
    const definition = definitionOf(custom.form, custom.version);
    if (!definition) continue;
    out.push({
      entryId: row.id,
      kind: row.kind,
      form: custom.form,
      version: custom.version,
      definition,
      values: custom.values,
      recordedAt: row.recordedAt,
    });
  }
  return out;
}
