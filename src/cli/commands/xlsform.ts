/**
 * `ariadne forms import <file>` and `ariadne forms export <code>`: XLSForm in and out (issue #17),
 * as a named administrator, with the same checks and audit as the web. An import makes a draft; a
 * refused one names every offending row (sheet, row, reason) in the error's details.
 *
 * @example ariadne forms import htcds_xlsform.xlsx --code htcds --org north --as admin@north.demo.test --json
 * @example ariadne forms export arrival --out arrival.xlsx --org north --as admin@north.demo.test --json
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';
import { formsGroup } from './forms';

// exceljs and the services load when a command runs, not for --help (see ../lazy.ts).
const xlsform = () => import('../../services/xlsform');
const importXlsForm = lazy(xlsform, 'importXlsForm');
const exportXlsForm = lazy(xlsform, 'exportXlsForm');

export function registerXlsFormCommands(program: Command): void {
  const group = formsGroup(program);
  const common = (c: Command) =>
    c
      .requiredOption('--org <slug>', 'organisation')
      .requiredOption('--as <email>', 'the administrator who acts (her access and audit apply)')
      .option('--json');

  common(group.command('import <file>').description('Import an XLSForm (.xlsx) as a new draft form'))
    .option('--code <code>', 'the form code when the settings sheet gives no form_id')
    .option('--target <target>', 'case (default) or an entry kind, when the settings give no ariadne_target')
    .action((file: string, opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const bytes = await readFile(file);
        const result = await importXlsForm(ctx, actor, bytes, {
          ...(opts.code ? { code: String(opts.code) } : {}),
          ...(opts.target ? { target: String(opts.target) } : {}),
        });
        const json = {
          code: result.form.code,
          status: result.form.status,
          target: result.form.target,
          fields: result.form.draft?.sections.reduce((n, s) => n + s.fields.length, 0) ?? 0,
          skipped: result.skipped,
          renamed: result.renamed,
        };
        output(Boolean(opts.json), json, () =>
          [
            `${json.code}\t${json.status}\t${json.fields} fields`,
            ...json.skipped.map((s) => `skipped survey row ${s.row} (${s.name}): ${s.reason}`),
            ...(json.renamed.length ? [`${json.renamed.length} choice codes renamed to lower_snake_case`] : []),
          ].join('\n'),
        );
      }),
    );

  common(group.command('export <code>').description('Write a form as an XLSForm (.xlsx): its draft, or --form-version'))
    .option('--form-version <n>', 'a published version')
    .option('--out <file>', 'where to write it (default: <code>.xlsx)')
    .action((code: string, opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const file = await exportXlsForm(ctx, actor, code, opts.formVersion ? Number(opts.formVersion) : undefined);
        const out = opts.out ? String(opts.out) : file.fileName;
        await writeFile(out, file.bytes);
        output(
          Boolean(opts.json),
          { code, file: out, bytes: file.bytes.length },
          () => `${out}\t${file.bytes.length} bytes`,
        );
      }),
    );
}
