/**
 * `ariadne record`: a case record's history and voiding a record saved by mistake, as a named staff
 * member (the same access, audit and encryption as the web).
 *
 * @example ariadne record history --org north --as caseworker@north.demo.test --case NOR-2026-0001 --entry <id> --json
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const corrections = () => import('../../services/corrections');
const entryHistory = lazy(corrections, 'entryHistory');
const voidEntry = lazy(corrections, 'voidEntry');
const voidedEntries = lazy(corrections, 'voidedEntries');
const caseIdByReference = lazy(() => import('../../services/case-file'), 'caseIdByReference');

type History = Awaited<ReturnType<typeof entryHistory>>;

const describeHistory = (h: History) =>
  [
    `${h.kind} ${h.entryId}${h.voided ? ' (voided)' : ''}`,
    ...h.versions.map(
      (v) =>
        `  v${v.version}\t${new Date(v.recordedAt).toISOString()}\t${v.recordedBy?.displayName ?? '-'}` +
        `${v.voided ? '\tvoided' : ''}${v.reason ? `\treason: ${v.reason}` : ''}` +
        `${v.changes.length ? `\tchanged: ${v.changes.map((c) => c.field).join(', ')}` : ''}`,
    ),
  ].join('\n');

const asJson = (h: History) => ({
  ...h,
  versions: h.versions.map((v) => ({ ...v, recordedAt: new Date(v.recordedAt).toISOString() })),
});

export function registerCorrectionCommands(program: Command): void {
  const record = program
    .command('record')
    .description("A case record's history, and voiding a record saved by mistake");
  const common = (c: Command) =>
    c
      .requiredOption('--org <slug>', 'organisation')
      .requiredOption('--as <email>', 'the staff member who acts (her access and audit apply)')
      .requiredOption('--case <reference>', 'the case reference, e.g. NOR-2026-0001')
      .option('--json');
  common(record.command('history').description('Every version of a record: who, when, why, which fields'))
    .requiredOption('--entry <id>', 'the record id')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const caseId = await caseIdByReference(ctx, actor, String(opts.case));
        const history = await entryHistory(ctx, actor, caseId, String(opts.entry));
        output(Boolean(opts.json), asJson(history), () => describeHistory(history));
      }),
    );
  common(record.command('voided').description("The case's voided records, each with its history"))
    .option('--kind <kind>', 'only records of this kind')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const caseId = await caseIdByReference(ctx, actor, String(opts.case));
        const list = await voidedEntries(ctx, actor, caseId, opts.kind ? String(opts.kind) : undefined);
        output(
          Boolean(opts.json),
          { entries: list.map(asJson) },
          () => list.map(describeHistory).join('\n') || 'No voided records.',
        );
      }),
    );
  common(record.command('void').description('Void a record saved by mistake (kept in its history, never deleted)'))
    .requiredOption('--entry <id>', 'the record id')
    .requiredOption('--reason <text>', 'why it was a mistake (stored encrypted)')
    .requiredOption('--version <n>', 'the version you saw (optimistic locking)')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const caseId = await caseIdByReference(ctx, actor, String(opts.case));
        const reason = String(opts.reason).trim();
        if (!reason) throw new Error('Give a reason');
        const history = await voidEntry(ctx, actor, caseId, String(opts.entry), {
          reason,
          version: Number(opts.version),
        });
        output(Boolean(opts.json), asJson(history), () => describeHistory(history));
      }),
    );
}
