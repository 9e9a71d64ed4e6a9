/**
 * `ariadne forms export-values <code>`: a custom form's recorded values as CSV, as a named staff
 * member (the same permission, audit and withheld sealed fields as GET /api/forms/:code/export.csv).
 *
 * @example ariadne forms export-values health --org north --as admin@north.demo.test --out health.csv --json
 */
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';
import { formsGroup } from './forms';

const exportFormValues = lazy(() => import('../../services/form-values-export'), 'exportFormValues');

export function registerFormValueCommands(program: Command): void {
  formsGroup(program)
    .command('export-values <code>')
    .description(
      "The organisation's recorded values of a form as CSV: one row per record, one column per field over every version; sealed fields (text, long text, attachments, sensitive) are withheld",
    )
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member who exports (her access and audit apply)')
    .requiredOption('--out <file>', 'where to write the CSV')
    .option('--language <code>', 'labels of the header and choices in this language', 'en')
    .option('--json')
    .action((code: string, opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const result = await exportFormValues(ctx, actor, code, opts.language);
        await fs.writeFile(opts.out, result.csv, { mode: 0o600 });
        output(
          Boolean(opts.json),
          {
            ok: true,
            form: code,
            file: opts.out,
            rows: result.rows,
            columns: result.columns,
            withheld: result.withheld,
          },
          () =>
            `${result.rows} records of ${code} written to ${opts.out}` +
            (result.withheld.length ? `; withheld (sealed): ${result.withheld.join(', ')}` : ''),
        );
      }),
    );
}
