/**
 * Protects a count table for publication: primary and complementary
 * suppression, then an LP audit; where the audit finds a hidden count that
 * can be narrowed below the protection level, more is hidden and the audit repeats.
 */
import { auditSuppression, type AuditResult, type LpSolver, type PublishedRelation } from './lp-audit';
import type { Provenance, Report } from './report';
import {
  cheapestPublished,
  complementarySuppression,
  primarySuppression,
  resolveSuppressionOptions,
  type ResolvedSuppressionOptions,
  type SuppressionMask,
  type SuppressionOptions,
  type SuppressionReason,
} from './suppression';
import { gridLines, toGrid, type CountTable } from './table';

export interface Suppressed {
  suppressed: true;
  reason: SuppressionReason;
}
/** A published count, or a marker saying it is hidden and why. */
export type PublishedCount = number | Suppressed;

export interface ProtectedTable {
  rows: string[];
  cols: string[];
  cells: PublishedCount[][];
  rowTotals: PublishedCount[];
  colTotals: PublishedCount[];
  grandTotal: PublishedCount;
  rowsAddUp: boolean;
  colsAddUp: boolean;
  options: ResolvedSuppressionOptions;
  /** The final audit: every hidden count with its feasible interval. */
  audit: AuditResult;
}

/**
 * What a published report says about where its numbers come from. A closed
 * list: any count stated here is derived from the protected table, never
 * copied from the true one, so a hidden total cannot come back through it.
 */
export interface PublishedProvenance {
  generatedAt: string;
  source: string;
  deduplication: Provenance['deduplication'];
  /** Distinct persons counted: stated only when the grand total is published, and then equal to it. */
  personsCounted?: number;
  disclosureControl: string[];
}

export type PublishedReport<K extends string = string> = Omit<Report<K>, 'table' | 'provenance'> & {
  provenance: PublishedProvenance;
  table: ProtectedTable;
};

/** True for a hidden count. */
export function isSuppressed(value: PublishedCount): value is Suppressed {
  return typeof value === 'object' && value !== null && value.suppressed === true;
}

/** Hides one more position next to each failing one: the cheapest published in its row or column. */
function widen(grid: number[][], mask: SuppressionMask, audit: AuditResult): SuppressionMask {
  const next = mask.map((row) => [...row]);
  const lines = gridLines(grid.length - 1, grid[0].length - 1);
  for (const cell of audit.intervals.filter((i) => !i.protected)) {
    const neighbours = lines
      .filter((l) => (l.kind === 'row' && l.index === cell.r) || (l.kind === 'col' && l.index === cell.c))
      .flatMap((l) => [...l.cells, l.total]);
    const everywhere = grid.flatMap((row, r) => row.map((_, c) => [r, c] as [number, number]));
    const pick = cheapestPublished(grid, next, neighbours) ?? cheapestPublished(grid, next, everywhere);
    if (pick) next[pick[0]][pick[1]] = 'complementary';
  }
  return next;
}

/**
 * Suppresses small cells so that no hidden count can be recovered from
 * what is published, and proves it with the LP audit.
 * @example protectTable(report.table, await loadLpSolver(), { threshold: 5 })
 */
export function protectTable(table: CountTable, solver: LpSolver, options: SuppressionOptions = {}): ProtectedTable {
  const resolved = resolveSuppressionOptions(options);
  const grid = toGrid(table);
  let mask = complementarySuppression(grid, primarySuppression(grid, resolved));
  let audit = auditSuppression(grid, mask, table, solver, resolved.protectionLevel);
  // Each round hides at least one more position, and a fully hidden grid passes, so this ends.
  while (!audit.ok) {
    const widened = widen(grid, mask, audit);
    if (widened.every((row, r) => row.every((v, c) => v === mask[r][c])))
      throw new Error('Suppression cannot protect this table');
    mask = complementarySuppression(grid, widened);
    audit = auditSuppression(grid, mask, table, solver, resolved.protectionLevel);
  }
  const publish = (r: number, c: number): PublishedCount => {
    const reason = mask[r][c];
    return reason ? { suppressed: true, reason } : grid[r][c];
  };
  const R = table.rows.length;
  const C = table.cols.length;
  return {
    rows: table.rows,
    cols: table.cols,
    cells: table.cells.map((row, r) => row.map((_, c) => publish(r, c))),
    rowTotals: table.rows.map((_, r) => publish(r, C)),
    colTotals: table.cols.map((_, c) => publish(R, c)),
    grandTotal: publish(R, C),
    rowsAddUp: table.rowsAddUp,
    colsAddUp: table.colsAddUp,
    options: resolved,
    audit,
  };
}

export const PERSONS_COUNTED_WITHHELD =
  'Number of persons counted withheld: the total is hidden to protect small counts.';

/**
 * A report ready to publish: its table protected, and the provenance saying how.
 * The provenance is rebuilt from a closed list of fields; the persons counted
 * are stated only as the published grand total, and the final LP audit runs
 * with every number the release states (the facts given are not stated at all:
 * they count persons outside the table, which no audit of the table can bound).
 */
export function protectReport<K extends string>(
  report: Report<K>,
  solver: LpSolver,
  options: SuppressionOptions = {},
): PublishedReport<K> {
  const protectedTable = protectTable(report.table, solver, options);
  const { threshold, zeroIsSafe, protectionLevel } = protectedTable.options;
  const note = `Counts from 1 to ${threshold - 1}${zeroIsSafe ? '' : ' and zeros'} hidden, with complementary suppression; LP audit: every hidden count has a feasible interval at least ${protectionLevel} wide.`;
  const personsCounted = isSuppressed(protectedTable.grandTotal) ? undefined : protectedTable.grandTotal;
  const disclosureControl = [
    ...(report.provenance.disclosureControl ?? []),
    note,
    ...(personsCounted === undefined ? [PERSONS_COUNTED_WITHHELD] : []),
  ];
  const provenance: PublishedProvenance = {
    generatedAt: report.provenance.generatedAt,
    source: report.provenance.source,
    deduplication: report.provenance.deduplication,
    ...(personsCounted === undefined ? {} : { personsCounted }),
    disclosureControl,
  };
  // Every stated number is a constraint of the audit; one that narrows a hidden count stops the release.
  const R = report.table.rows.length;
  const C = report.table.cols.length;
  const stated: PublishedRelation[] =
    personsCounted === undefined ? [] : [{ terms: [[R, C, 1]], relation: 'eq', value: personsCounted }];
  const mask = toGrid(report.table).map((row, r) =>
    row.map((_, c) => {
      const v =
        r < R
          ? c < C
            ? protectedTable.cells[r][c]
            : protectedTable.rowTotals[r]
          : c < C
            ? protectedTable.colTotals[c]
            : protectedTable.grandTotal;
      return isSuppressed(v) ? v.reason : null;
    }),
  );
  const audit = auditSuppression(toGrid(report.table), mask, report.table, solver, protectionLevel, stated);
  if (!audit.ok) throw new Error('A number stated with the report would narrow a hidden count; nothing is published');
  const { notes, counts, population, populationKind, definition, period, scope, rowDimension, colDimension } = report;
  return {
    counts,
    population,
    populationKind,
    definition,
    period,
    scope,
    provenance,
    rowDimension,
    colDimension,
    notes,
    table: { ...protectedTable, audit },
  };
}
