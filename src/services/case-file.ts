/**
 * Printing a case file: the caseworker chooses the sections, the service gathers what she may read
 * of the case (the same access as reading it), decrypts it, audits the print (`case.print`, with the
 * sections chosen) and has the PDF rendered in a worker thread so the event loop stays free.
 */
import type { z } from 'zod';
import type { PrintCaseFileBody } from '../domain/cases/inputs';
import { CASE_FILE_SECTIONS, sectionOfKind, type CaseFileData, type CaseFileInput } from '../domain/cases/case-file';
import { errors } from '../errors';
import { flatten, loadNamespace, SOURCE_LANGUAGE } from '../i18n/resources';
import { can, type Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { customRecordsInTx } from './custom-forms';
import { organisationsRepo } from '../storage/repositories/organisations';
import { referralsRepo } from '../storage/repositories/referrals';
import { usersRepo } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import { requireCase } from './cases';
import { inTenant, type AppContext } from './context';
import { openEntry } from './entry-secrets';
import { fullName, openIdentity } from './person-identity';
import { loadLists } from './reference-lists';
import { runInWorker } from './workers';

/** A print request as its body schema parsed it: the sections, and optionally a language and time zone. */
export type PrintRequest = z.infer<typeof PrintCaseFileBody>;

/** The printUi texts of one language, English filled in where it has none. */
function printLabels(language: string): Record<string, string> {
  const trees = loadNamespace('printUi');
  return {
    ...Object.fromEntries(flatten(trees[SOURCE_LANGUAGE] ?? {})),
    ...Object.fromEntries([...flatten(trees[language] ?? {})].filter(([, v]) => v.trim() !== '')),
  };
}

/** The case file as a PDF, with its reference (for the file name). */
export async function printCaseFile(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  request: PrintRequest,
): Promise<{ reference: string; pdf: Buffer }> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  const sections = CASE_FILE_SECTIONS.filter((s) => request.sections.includes(s));
  if (sections.length === 0)
    throw errors.validation([{ path: ['sections'], code: 'too_small', message: 'Choose at least one section' }]);
  const language = request.language && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(request.language) ? request.language : 'en';
  const printedAt = new Date().toISOString();
  const gathered = await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId);
    const org = actor.organisationId;
    const person = await casesRepo.findPerson(tx, org, row.personId);
    if (!person) throw errors.notFound();
    const identity = await openIdentity(ctx, org, person.identityEnc);
    const intakeRow = sections.includes('intake') ? await casesRepo.findIntake(tx, org, caseId) : undefined;
    const entryRows = (await caseEntriesRepo.listCurrent(tx, org, [caseId])).filter((e) =>
      sections.includes(sectionOfKind(e.kind)),
    );
    // Custom values with the definition of the version each was recorded under (never the current one).
    const custom = entryRows.some((e) => e.kind === 'custom_form' || e.data.custom !== undefined)
      ? await customRecordsInTx(ctx, tx, actor, caseId)
      : [];
    const customOf = (entryId: string) => {
      const c = custom.find((x) => x.entryId === entryId);
      return (
        c && { code: c.form, title: c.definition.title, version: c.version, definition: c.definition, values: c.values }
      );
    };
    const entries = await Promise.all(
      entryRows
        .filter((e) => e.kind !== 'custom_form')
        .map(async (e) => {
          const opened = await openEntry(ctx, org, e);
          const fields = customOf(e.id);
          return {
            kind: e.kind,
            data: opened.data,
            recordedAt: new Date(e.recordedAt).toISOString(),
            recordedBy: e.recordedByName ?? null,
            ...(fields ? { custom: fields } : {}),
          };
        }),
    );
    const forms = entryRows.flatMap((e) => {
      const fields = e.kind === 'custom_form' ? customOf(e.id) : undefined;
      return fields
        ? [
            {
              ...fields,
              recordedAt: new Date(e.recordedAt).toISOString(),
              recordedBy: e.recordedByName ?? null,
            },
          ]
        : [];
    });
    // Referrals have their own read permission; without it the section stays empty.
    const referrals =
      sections.includes('referrals') &&
      can(actor, 'referral.read', { organisationId: row.organisationId, parties: [row.organisationId] })
        ? await referralsRepo.list(tx, { fromCaseId: caseId })
        : [];
    const owner = row.ownerUserId ? await usersRepo.findMember(tx, org, row.ownerUserId) : undefined;
    const printer = await usersRepo.findMember(tx, org, actor.userId);
    const lists = await loadLists(tx, org);
    await auditRepo.append(tx, {
      organisationId: org,
      actorUserId: actor.userId,
      action: 'case.print',
      entityType: 'case',
      entityId: caseId,
      fields: sections,
    });
    const intake = intakeRow
      ? {
          channel: intakeRow.channel,
          contactDate: String(intakeRow.contactDate).slice(0, 10),
          municipality: intakeRow.municipalityEnc
            ? await ctx.keyRing.decrypt(org, intakeRow.municipalityEnc)
            : (intakeRow.municipality ?? null),
          language: intakeRow.language ?? null,
          mediatorUsed: intakeRow.mediatorUsed,
          immediateNeeds: intakeRow.immediateNeeds,
        }
      : null;
    const data: CaseFileData = {
      reference: row.reference,
      status: row.status,
      openedAt: new Date(row.openedAt).toISOString(),
      ownerName: owner?.displayName ?? null,
      organisationName: await organisationsRepo.nameOf(tx, org),
      person: sections.includes('person')
        ? {
            name: fullName(identity),
            aliases: identity.aliases,
            dateOfBirth: identity.dateOfBirth ?? null,
            sex: person.sex,
            pronouns: person.pronouns,
            chosenTerm: person.chosenTerm,
            citizenship: identity.citizenship ?? null,
            languages: identity.languages,
            preferredLanguage: person.preferredLanguage,
            isMinor: person.isMinor ?? false,
            contact: identity.contact ?? null,
            documents: identity.documents ?? null,
          }
        : { name: fullName(identity) },
      intake,
      entries,
      forms,
      referrals: referrals.map((f) => ({
        partner: f.toName,
        status: f.status,
        requestedService: f.requestedService,
        createdAt: new Date(f.createdAt).toISOString(),
      })),
    };
    const codes: Record<string, string> = {};
    // Retired items too: an old record that carries one prints its label, not its code.
    for (const list of lists.all)
      for (const item of list.items)
        codes[`${list.key}.${item.code}`] =
          (item.label as Record<string, string>)[language] ?? (item.label as Record<string, string>).en ?? item.code;
    return { data, codes, printedBy: printer?.displayName ?? '—' };
  });
  const input: CaseFileInput = {
    ...gathered.data,
    sections,
    printedBy: gathered.printedBy,
    printedAt,
    locale: language,
    ...(request.timeZone ? { timeZone: request.timeZone } : {}),
    labels: printLabels(language),
    codes: gathered.codes,
  };
  const pdf = await runInWorker(ctx, 'export.case-file-pdf', input, { organisationId: actor.organisationId });
  return { reference: gathered.data.reference, pdf: Buffer.from(pdf) };
}

/** The id of a case of the actor's organisation by its reference (404 when there is none). */
export async function caseIdByReference(ctx: AppContext, actor: Actor, reference: string): Promise<string> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  const id = await inTenant(ctx, actor, (tx) =>
    casesRepo.idByReference(tx, actor.organisationId, reference.trim().toUpperCase()),
  );
  if (!id) throw errors.notFound();
  return id;
}
