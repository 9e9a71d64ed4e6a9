/**
 * Cohort aggregates as a long table for CSV and XLSX: one line per figure,
 * each repeating what it counts, with hidden cells written as "x" exactly as
 * on screen (the export never reveals more than the report).
 */
import ExcelJS from 'exceljs';
import { toCsv, type CsvValue } from '../statistics/csv';
import type { Cell, CohortAggregates } from './cohort';

export const COHORT_HEADER = ['section', 'subject', 'dimension_or_group', 'measure', 'value', 'suppressed'] as const;
const HIDDEN = 'x';

export interface CohortProvenance {
  counts: string;
  scope: string;
  generatedAt: string;
  threshold: number;
}

const cell = (c: Cell): [CsvValue, boolean] => ('suppressed' in c ? [HIDDEN, true] : [c.value, false]);

/** Every figure of the aggregates as [section, subject, dimension/group, measure, value, suppressed]. */
export function cohortRows(a: CohortAggregates): CsvValue[][] {
  const rows: CsvValue[][] = [];
  for (const h of a.progressByHorizon) {
    rows.push(['progress_by_horizon', h.horizon, '', 'persons_assessed', ...cell(h.persons)]);
    for (const d of h.dimensions) {
      rows.push(['progress_by_horizon', h.horizon, d.dimension, 'persons_with_progress', ...cell(d.withProgress)]);
      rows.push(['progress_by_horizon', h.horizon, d.dimension, 'share_with_progress_percent', ...cell(d.share)]);
    }
  }
  for (const m of a.timeToMilestone) {
    rows.push(['time_to_milestone', m.kind, '', 'persons', ...cell(m.persons)]);
    for (const q of ['q1', 'median', 'q3'] as const) {
      rows.push([
        'time_to_milestone',
        m.kind,
        '',
        `days_${q}`,
        ...('suppressed' in m.quartiles ? [HIDDEN, true] : [m.quartiles[q], false]),
      ]);
    }
  }
  rows.push(['groups', 'with_progress', '', 'persons', ...cell(a.groups.withProgress)]);
  rows.push(['groups', 'without_progress', '', 'persons', ...cell(a.groups.withoutProgress)]);
  for (const f of a.factorPrevalence) {
    for (const group of ['withProgress', 'withoutProgress'] as const) {
      const name = group === 'withProgress' ? 'with_progress' : 'without_progress';
      rows.push(['factor_prevalence', `${f.code} (${f.valence})`, name, 'persons', ...cell(f[group].count)]);
      rows.push(['factor_prevalence', `${f.code} (${f.valence})`, name, 'share_percent', ...cell(f[group].share)]);
    }
  }
  return rows;
}

const about = (p: CohortProvenance): [string, string][] => [
  ['Counts', p.counts],
  ['Scope', p.scope],
  ['Generated', p.generatedAt],
  [
    'Disclosure control',
    `Cells under ${p.threshold}, and parts whose complement is under ${p.threshold}, are hidden (${HIDDEN})`,
  ],
  [
    'Reading',
    "Progress is measured against each person's own baseline, per dimension. There is no overall success rate.",
  ],
];

export function cohortToCsv(a: CohortAggregates, p: CohortProvenance): string {
  return toCsv(
    [...COHORT_HEADER, 'counts', 'scope', 'generated_at'],
    cohortRows(a).map((r) => [...r, p.counts, p.scope, p.generatedAt]),
  );
}

export async function cohortToXlsx(a: CohortAggregates, p: CohortProvenance): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ariadne';
  const sheet = workbook.addWorksheet('Cohort');
  sheet.addRow([...COHORT_HEADER]).font = { bold: true };
  for (const row of cohortRows(a)) sheet.addRow(row);
  sheet.getColumn(2).width = 36;
  const info = workbook.addWorksheet('About');
  for (const [k, v] of about(p)) info.addRow([k, v]).getCell(1).font = { bold: true };
  info.getColumn(1).width = 24;
  info.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
