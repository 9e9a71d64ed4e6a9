import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { CohortAggregates } from './cohort';
import { cohortRows, cohortToCsv, cohortToXlsx } from './cohort-export';

const aggregates: CohortAggregates = {
  threshold: 5,
  progressByHorizon: [
    {
      horizon: '6m',
      persons: { value: 9 },
      dimensions: [{ dimension: 'recovery', withProgress: { suppressed: true }, share: { suppressed: true } }],
    },
  ],
  timeToMilestone: [{ kind: 'job', persons: { value: 6 }, quartiles: { q1: 100, median: 120, q3: 150 } }],
  groups: { withProgress: { value: 7 }, withoutProgress: { suppressed: true } },
  factorPrevalence: [],
};
const provenance = { counts: 'Persons (not cases)', scope: 'Demo', generatedAt: '2026-11-23T00:00:00Z', threshold: 5 };

describe('cohort export', () => {
  test('hidden cells stay hidden in every format', async () => {
    const rows = cohortRows(aggregates);
    expect(rows).toContainEqual(['progress_by_horizon', '6m', 'recovery', 'persons_with_progress', 'x', true]);
    expect(rows).toContainEqual(['time_to_milestone', 'job', '', 'days_median', 120, false]);
    const csv = cohortToCsv(aggregates, provenance);
    expect(csv.split('\r\n')[0]).toBe(
      'section,subject,dimension_or_group,measure,value,suppressed,counts,scope,generated_at',
    );
    expect(csv).toContain('groups,without_progress,,persons,x,true,Persons (not cases)');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await cohortToXlsx(aggregates, provenance)) as unknown as ArrayBuffer);
    const values = book
      .getWorksheet('Cohort')!
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined && v !== null);
    expect(values).toContain('x');
    expect(book.getWorksheet('About')!.getCell('B1').value).toBe('Persons (not cases)');
  });
});
