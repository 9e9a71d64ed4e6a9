/**
 * `ariadne attachments list` and `ariadne notes list`: a case's attachments (metadata only) and its
 * notes, as a named staff member, with the same access checks and audit as the web.
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const listAttachments = lazy(() => import('../../services/attachments'), 'listAttachments');
const listEntries = lazy(() => import('../../services/case-entries'), 'listEntries');
const caseIdByReference = lazy(() => import('../../services/case-file'), 'caseIdByReference');

const common = (c: Command) =>
  c
    .requiredOption('--org <slug>', 'organisation of the case')
    .requiredOption('--as <email>', 'the staff member who reads (named in the audit log)')
    .requiredOption('--case <reference>', 'case reference, e.g. NOR-2026-0001')
    .option('--json');

export function registerAttachmentCommands(program: Command): void {
  const attachments = program.command('attachments').description("A case's attachments");
  common(
    attachments
      .command('list')
      .description('Category, file name, type, size and who uploaded each attachment (no file content)'),
  ).action((opts) =>
    withContext(async (ctx) => {
      const actor = await staffActor(ctx, opts.org, opts.as);
      const caseId = await caseIdByReference(ctx, actor, opts.case);
      const list = (await listAttachments(ctx, actor, caseId)).map((a) => ({
        id: a.id,
        category: a.category,
        fileName: a.fileName,
        contentType: a.contentType,
        sizeBytes: a.sizeBytes,
        consentEntryId: a.consentEntryId,
        uploadedAt: a.uploadedAt.toISOString(),
        uploadedBy: a.uploadedBy?.displayName ?? null,
      }));
      output(
        Boolean(opts.json),
        { case: opts.case, attachments: list },
        () =>
          list
            .map((a) => `${a.uploadedAt.slice(0, 10)}\t${a.category}\t${a.contentType}\t${a.sizeBytes}\t${a.fileName}`)
            .join('\n') || 'No attachments.',
      );
    }),
  );

  const notes = program.command('notes').description("A case's notes and contact log");
  common(notes.command('list').description('The notes of a case, newest first (audited as a read of the case)'))
    .option('--search <words>', 'only notes holding every word')
    .action((opts) =>
      withContext(async (ctx) => {
        const { newestFirst, searchNotes } = await import('../../domain/cases/notes');
        const actor = await staffActor(ctx, opts.org, opts.as);
        const caseId = await caseIdByReference(ctx, actor, opts.case);
        const entries = (await listEntries(ctx, actor, caseId, 'note')).map((e) => ({
          ...e,
          recordedAt: e.recordedAt.toISOString(),
        }));
        const list = newestFirst(searchNotes(entries, String(opts.search ?? ''))).map((n) => ({
          id: n.id,
          date: n.data.date,
          time: n.data.time ?? null,
          kind: n.data.kind,
          present: n.data.present ?? null,
          interpreterUsed: n.data.interpreterUsed,
          interpreterLanguage: n.data.interpreterLanguage ?? null,
          text: n.data.text,
          recordedBy: n.recordedBy?.displayName ?? null,
        }));
        output(
          Boolean(opts.json),
          { case: opts.case, notes: list },
          () =>
            list
              .map((n) => `${String(n.date)} ${String(n.time ?? '')}\t${String(n.kind)}\t${String(n.text)}`)
              .join('\n\n') || 'No notes.',
        );
      }),
    );
}
