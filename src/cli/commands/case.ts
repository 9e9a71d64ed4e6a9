/** `ariadne case print`: the printed case file (PDF) as a named staff member, audited like a print from the web. */
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { CASE_FILE_SECTIONS, type CaseFileSection } from '../../domain/cases/vocabulary';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const caseFile = () => import('../../services/case-file');
const printCaseFile = lazy(caseFile, 'printCaseFile');
const caseIdByReference = lazy(caseFile, 'caseIdByReference');
const listCases = lazy(() => import('../../services/cases'), 'listCases');

function sectionsOf(value: string): CaseFileSection[] {
  if (value === 'all') return [...CASE_FILE_SECTIONS];
  const sections = value.split(',').map((s) => s.trim());
  const unknown = sections.filter((s) => !(CASE_FILE_SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`Unknown section ${unknown.join(', ')}; use: ${CASE_FILE_SECTIONS.join(', ')}`);
  return sections as CaseFileSection[];
}

export function registerCaseCommands(program: Command): void {
  const cases = program.command('case').description('Case files');
  cases
    .command('list')
    .description('References, statuses and names of the cases a staff member may read (audited as case.list)')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member who reads them')
    .option('--limit <n>', 'at most this many', '20')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const limit = Math.max(1, Math.min(200, Number(opts.limit) || 20));
        const { cases: rows, total } = await listCases(ctx, actor, { limit, offset: 0 });
        const list = rows.map((c) => ({ reference: c.reference, status: c.status, personName: c.personName }));
        output(
          Boolean(opts.json),
          { cases: list, total },
          () => list.map((c) => `${c.reference}\t${c.status}\t${c.personName}`).join('\n') || 'No cases.',
        );
      }),
    );
  cases
    .command('print')
    .description('Writes the case file as a PDF of the chosen sections (audited as case.print)')
    .requiredOption('--org <slug>', 'organisation of the case')
    .requiredOption('--as <email>', 'the staff member who prints (named in the footer and the audit log)')
    .requiredOption('--case <reference>', 'case reference, e.g. NOR-2026-0001')
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--sections <list>', `comma-separated: ${CASE_FILE_SECTIONS.join(', ')}; or all`, 'all')
    .option('--language <code>', 'labels and dates in this language', 'en')
    .option('--time-zone <zone>', 'IANA time zone for times', 'UTC')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const caseId = await caseIdByReference(ctx, actor, opts.case);
        const sections = sectionsOf(opts.sections);
        const { reference, pdf } = await printCaseFile(ctx, actor, caseId, {
          sections,
          language: opts.language,
          timeZone: opts.timeZone,
        });
        await fs.writeFile(opts.out, pdf, { mode: 0o600 });
        output(
          Boolean(opts.json),
          { ok: true, reference, file: opts.out, bytes: pdf.length, sections },
          () => `Case file ${reference} written to ${opts.out} (${pdf.length} bytes)`,
        );
      }),
    );
}
