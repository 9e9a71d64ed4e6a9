/**
 * Exactly which fields of a differentially private release leave the server: the query that made it
 * (population, dimensions, years, mechanism) and the noisy report (src/domain/statistics/private-report.ts),
 * named field by field. No exact count of persons or facts is among them.
 */
import { z } from 'zod';
import type { PrivateReport } from '../../domain/statistics/private-report';

export const ReleaseQuerySchema = z
  .strictObject({
    population: z.string(),
    rows: z.string(),
    cols: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    mechanism: z.string(),
  })
  .meta({ id: 'PrivateReleaseQuery' });
type ReleaseQuery = z.infer<typeof ReleaseQuerySchema>;

export const PrivateReportSchema = z
  .strictObject({
    counts: z.literal('persons'),
    population: z.string(),
    populationKind: z.enum(['trafficking', 'separate']),
    definition: z.string(),
    period: z.strictObject({ from: z.number(), to: z.number() }),
    scope: z.strictObject({
      description: z.string(),
      networkId: z.string().optional(),
      organisationIds: z.array(z.string()).optional(),
      geography: z.string().optional(),
    }),
    provenance: z.strictObject({
      generatedAt: z.string(),
      source: z.string(),
      deduplication: z.string(),
      disclosureControl: z.array(z.string()).optional(),
    }),
    rowDimension: z.string(),
    colDimension: z.string(),
    notes: z.array(z.string()),
    table: z.strictObject({
      rows: z.array(z.string()),
      cols: z.array(z.string()),
      cells: z.array(z.array(z.number())),
      rowTotals: z.array(z.number()),
      colTotals: z.array(z.number()),
      grandTotal: z.number(),
      rowsAddUp: z.boolean(),
      colsAddUp: z.boolean(),
    }),
    privacy: z.strictObject({
      mechanism: z.string(),
      epsilon: z.number(),
      sensitivity: z.number(),
      bound95: z.number(),
    }),
  })
  .meta({ id: 'PrivateReport' });
type PrivateReportView = z.infer<typeof PrivateReportSchema>;

export function presentReleaseQuery(q: Record<string, unknown>): ReleaseQuery {
  return {
    population: String(q.population),
    rows: String(q.rows),
    cols: String(q.cols),
    from: Number(q.from),
    to: Number(q.to),
    mechanism: String(q.mechanism),
  };
}

export function presentPrivateReport(r: PrivateReport): PrivateReportView {
  const { provenance: p, table: t, scope: s } = r;
  return {
    counts: r.counts,
    population: r.population,
    populationKind: r.populationKind,
    definition: r.definition,
    period: { from: r.period.from, to: r.period.to },
    scope: {
      description: s.description,
      ...(s.networkId !== undefined ? { networkId: s.networkId } : {}),
      ...(s.organisationIds ? { organisationIds: [...s.organisationIds] } : {}),
      ...(s.geography !== undefined ? { geography: s.geography } : {}),
    },
    provenance: {
      generatedAt: p.generatedAt,
      source: p.source,
      deduplication: p.deduplication,
      ...(p.disclosureControl ? { disclosureControl: [...p.disclosureControl] } : {}),
    },
    rowDimension: r.rowDimension,
    colDimension: r.colDimension,
    notes: [...r.notes],
    table: {
      rows: [...t.rows],
      cols: [...t.cols],
      cells: t.cells.map((row) => [...row]),
      rowTotals: [...t.rowTotals],
      colTotals: [...t.colTotals],
      grandTotal: t.grandTotal,
      rowsAddUp: t.rowsAddUp,
      colsAddUp: t.colsAddUp,
    },
    privacy: {
      mechanism: r.privacy.mechanism,
      epsilon: r.privacy.epsilon,
      sensitivity: r.privacy.sensitivity,
      bound95: r.privacy.bound95,
    },
  };
}

type Budget = { total: number; spent: number; remaining: number };
type Network = { id: string; name: string };
const budgetOf = (b: Budget): Budget => ({ total: b.total, spent: b.spent, remaining: b.remaining });

/** A release as stored or just made, field by field. */
export function presentRelease(r: {
  releaseKey: string;
  epsilon: number;
  mechanism: string;
  query: unknown;
  report: unknown;
  requestedBy: string;
  createdAt: string;
  network: Network;
  reused: boolean;
  budget: Budget;
}) {
  return {
    releaseKey: r.releaseKey,
    epsilon: r.epsilon,
    mechanism: r.mechanism,
    query: presentReleaseQuery(r.query as Record<string, unknown>),
    report: presentPrivateReport(r.report as PrivateReport),
    requestedBy: r.requestedBy,
    createdAt: r.createdAt,
    network: { id: r.network.id, name: r.network.name },
    reused: r.reused,
    budget: budgetOf(r.budget),
  };
}

/** A network's privacy ledger, field by field. */
export function presentLedger(l: {
  network: Network;
  budget: Budget;
  canSetBudget: boolean;
  releases: {
    releaseKey: string;
    epsilon: number;
    mechanism: string;
    query: unknown;
    requestedBy: string;
    createdAt: string;
  }[];
}) {
  return {
    network: { id: l.network.id, name: l.network.name },
    budget: budgetOf(l.budget),
    canSetBudget: l.canSetBudget,
    releases: l.releases.map((r) => ({
      releaseKey: r.releaseKey,
      epsilon: r.epsilon,
      mechanism: r.mechanism,
      query: presentReleaseQuery(r.query as Record<string, unknown>),
      requestedBy: r.requestedBy,
      createdAt: r.createdAt,
    })),
  };
}
