/**
 * The presenter of a published report: exactly the fields that leave the
 * server (API JSON, `ariadne report --json`). The audit's intervals and the
 * suppression settings stay behind; nothing is copied by spreading objects,
 * so a field added to a report later is not published until it is listed here.
 */
import type { PublishedCount, PublishedProvenance, PublishedReport } from './protect';
import type { Period, Scope } from './report';

export interface Publication {
  counts: 'persons';
  population: string;
  populationKind: 'trafficking' | 'separate';
  definition: string;
  period: Period;
  scope: Scope;
  provenance: PublishedProvenance;
  rowDimension: string;
  colDimension: string;
  notes: string[];
  /** The disclosure threshold applied: counts from 1 to threshold − 1 are hidden. */
  threshold: number;
  table: {
    rows: string[];
    cols: string[];
    cells: PublishedCount[][];
    rowTotals: PublishedCount[];
    colTotals: PublishedCount[];
    grandTotal: PublishedCount;
    rowsAddUp: boolean;
    colsAddUp: boolean;
  };
}

const count = (v: PublishedCount): PublishedCount =>
  typeof v === 'number' ? v : { suppressed: true, reason: v.reason };

/**
 * The published report as it may leave the server.
 * @example JSON.stringify(publicationOf(protectReport(report, solver, { threshold: 5 })))
 */
export function publicationOf(report: PublishedReport): Publication {
  const { scope, provenance: p, table: t } = report;
  return {
    counts: report.counts,
    population: report.population,
    populationKind: report.populationKind,
    definition: report.definition,
    period: { from: report.period.from, to: report.period.to },
    scope: {
      description: scope.description,
      ...(scope.networkId ? { networkId: scope.networkId } : {}),
      ...(scope.organisationIds ? { organisationIds: [...scope.organisationIds] } : {}),
      ...(scope.geography ? { geography: scope.geography } : {}),
    },
    provenance: {
      generatedAt: p.generatedAt,
      source: p.source,
      deduplication: p.deduplication,
      ...(p.personsCounted === undefined ? {} : { personsCounted: p.personsCounted }),
      disclosureControl: [...p.disclosureControl],
    },
    rowDimension: report.rowDimension,
    colDimension: report.colDimension,
    notes: [...report.notes],
    threshold: t.options.threshold,
    table: {
      rows: [...t.rows],
      cols: [...t.cols],
      cells: t.cells.map((row) => row.map(count)),
      rowTotals: t.rowTotals.map(count),
      colTotals: t.colTotals.map(count),
      grandTotal: count(t.grandTotal),
      rowsAddUp: t.rowsAddUp,
      colsAddUp: t.colsAddUp,
    },
  };
}
