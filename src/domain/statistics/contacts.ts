/**
 * Counting contacts (issue #18): contacts are counted as contacts and persons as persons, in separate
 * series that are never summed together. Contacts per month by channel (kind) and by territory (place);
 * persons = distinct chains (one anonymous person's linked contacts) per month by channel.
 *
 * The same small-cell suppression as the person reports (primary, complementary, LP audit; shared
 * helpers in ./suppression and ./lp-audit), applied to everything released together: the channel and
 * territory tables share their monthly totals, so they are protected as one grid; and a published
 * persons count bounds the contacts of its cell (persons ≤ contacts, and ≥ 1 when there were contacts),
 * so each side's audit includes what the other publishes, until neither has to hide more.
 * The provenance states counts only when the published grand totals do.
 *
 * Pure: the caller gives counts aggregated in the database (never a row) and the clock's time.
 */
import { auditSuppression, type AuditResult, type LpSolver, type PublishedRelation } from './lp-audit';
import type { PublishedCount } from './protect';
import {
  cheapestPublished,
  complementarySuppression,
  isSmall,
  resolveSuppressionOptions,
  type ResolvedSuppressionOptions,
  type SuppressionMask,
  type SuppressionOptions,
} from './suppression';
import { gridLines } from './table';

export const CONTACT_CHANNELS = ['hotline_call', 'outreach', 'drop_in', 'message'] as const;

/** Contacts of one month, channel and place (a database aggregate). */
export interface ContactCell {
  month: string;
  kind: string;
  place: string;
  contacts: number;
}

/** Distinct chains (persons) for one grouping: a month and a channel, or their margins (null). */
export interface PersonGroup {
  month: string | null;
  kind: string | null;
  persons: number;
}

export interface ContactSeries {
  counts: 'contacts' | 'persons';
  /** Months (YYYY-MM), oldest first. */
  rows: string[];
  cols: string[];
  cells: PublishedCount[][];
  rowTotals: PublishedCount[];
  colTotals: PublishedCount[];
  grandTotal: PublishedCount;
  rowsAddUp: boolean;
  colsAddUp: boolean;
}

export interface ContactStatistics {
  period: { from: string; to: string };
  scope: { description: string; organisationIds: string[] };
  contactsByChannel: ContactSeries;
  contactsByTerritory: ContactSeries;
  personsByChannel: ContactSeries;
  provenance: {
    generatedAt: string;
    source: string;
    /** Stated only when the published grand total of contacts is, and then equal to it. */
    contactsCounted?: number;
    /** Stated only when the published grand total of persons is, and then equal to it. */
    personsCounted?: number;
    disclosureControl: string[];
  };
  notes: string[];
}

/** The months from `from` to `to` (YYYY-MM), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    if (out.length > 240) break;
  }
  return out;
}

type Grid = number[][];

/** Hides one more position next to each failing one (the rule of protect.ts). */
function widen(grid: Grid, mask: SuppressionMask, audit: AuditResult): SuppressionMask {
  const next = mask.map((row) => [...row]);
  const lines = gridLines(grid.length - 1, grid[0].length - 1);
  const everywhere = grid.flatMap((row, r) => row.map((_, c) => [r, c] as [number, number]));
  for (const cell of audit.intervals.filter((i) => !i.protected)) {
    const neighbours = lines
      .filter((l) => (l.kind === 'row' && l.index === cell.r) || (l.kind === 'col' && l.index === cell.c))
      .flatMap((l) => [...l.cells, l.total]);
    const pick = cheapestPublished(grid, next, neighbours) ?? cheapestPublished(grid, next, everywhere);
    if (pick) next[pick[0]][pick[1]] = 'complementary';
  }
  return next;
}

const same = (a: SuppressionMask, b: SuppressionMask) => a.every((row, r) => row.every((v, c) => v === b[r][c]));

/** Complementary suppression, then the LP audit with what else is published, widening until it passes. */
function secure(
  grid: Grid,
  start: SuppressionMask,
  shape: { rowsAddUp: boolean; colsAddUp: boolean },
  solver: LpSolver,
  options: ResolvedSuppressionOptions,
  relations: PublishedRelation[],
): SuppressionMask {
  let mask = complementarySuppression(grid, start);
  let audit = auditSuppression(grid, mask, shape, solver, options.protectionLevel, relations);
  while (!audit.ok) {
    const widened = widen(grid, mask, audit);
    if (same(widened, mask)) throw new Error('Suppression cannot protect this table');
    mask = complementarySuppression(grid, widened);
    audit = auditSuppression(grid, mask, shape, solver, options.protectionLevel, relations);
  }
  return mask;
}

/**
 * Protects and publishes the three series of one period.
 * @example contactStatistics(cells, persons, { from: '2026-01', to: '2026-03' }, scope, '2026-04-01T00:00:00Z', solver, { threshold: 5 })
 */
export function contactStatistics(
  cells: readonly ContactCell[],
  persons: readonly PersonGroup[],
  period: { from: string; to: string },
  scope: ContactStatistics['scope'],
  generatedAt: string,
  solver: LpSolver,
  options: SuppressionOptions = {},
): ContactStatistics {
  const resolved = resolveSuppressionOptions(options);
  const months = monthsBetween(period.from, period.to);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const inPeriod = cells.filter(
    (c) => monthIndex.has(c.month) && (CONTACT_CHANNELS as readonly string[]).includes(c.kind),
  );
  const channels = [...CONTACT_CHANNELS] as string[];
  const places = [...new Set(inPeriod.map((c) => c.place))].sort((a, b) => a.localeCompare(b, 'en'));
  const K = channels.length;
  const P = places.length;
  const R = months.length;
  const C = K + P;

  // Contacts: one grid, channels then places; its margin column holds twice the month total (each
  // contact is in one channel and one place), and a stated relation says the channels alone add up to it.
  const contacts: Grid = Array.from({ length: R + 1 }, () => Array(C + 1).fill(0));
  const truth: Grid = Array.from({ length: R + 1 }, () => Array(C + 1).fill(0));
  for (const cell of inPeriod) {
    const r = monthIndex.get(cell.month)!;
    const k = channels.indexOf(cell.kind);
    const p = K + places.indexOf(cell.place);
    for (const [rr, cc] of [
      [r, k],
      [r, p],
      [R, k],
      [R, p],
    ])
      contacts[rr][cc] += cell.contacts;
    contacts[r][C] += 2 * cell.contacts;
    contacts[R][C] += 2 * cell.contacts;
  }
  contacts.forEach((row, r) => row.forEach((v, c) => (truth[r][c] = c === C ? v / 2 : v)));
  const channelsAddUp: PublishedRelation[] = Array.from({ length: R + 1 }, (_, r) => ({
    terms: [...channels.map((_, c) => [r, c, 1] as [number, number, number]), [r, C, -0.5]],
    relation: 'eq',
    value: 0,
  }));

  // Persons: distinct chains by month and channel, with distinct margins (a chain spans months and channels).
  const personGrid: Grid = Array.from({ length: R + 1 }, () => Array(K + 1).fill(0));
  for (const g of persons) {
    const r = g.month === null ? R : monthIndex.get(g.month);
    const c = g.kind === null ? K : channels.indexOf(g.kind);
    if (r === undefined || c < 0) continue;
    personGrid[r][c] = g.persons;
  }
  const personShape = { rowsAddUp: false, colsAddUp: false };
  const contactShape = { rowsAddUp: true, colsAddUp: true };
  const primary = (values: Grid): SuppressionMask =>
    values.map((row) => row.map((v) => (isSmall(v, resolved) ? 'primary' : null)));

  // Positions of the contacts grid that a persons position bounds: the same month and channel (or margin).
  const contactsPos = (r: number, c: number): [number, number, number] => (c === K ? [r, C, 0.5] : [r, c, 1]);
  let contactMask = primary(truth);
  let personMask = primary(personGrid);
  for (let round = 0; round < 50; round++) {
    const fromPersons: PublishedRelation[] = personGrid.flatMap((row, r) =>
      row.flatMap((v, c) =>
        personMask[r][c] === null ? [{ terms: [contactsPos(r, c)], relation: 'ge' as const, value: v }] : [],
      ),
    );
    const nextContacts = secure(contacts, contactMask, contactShape, solver, resolved, [
      ...channelsAddUp,
      ...fromPersons,
    ]);
    const fromContacts: PublishedRelation[] = personGrid.flatMap((row, r) =>
      row.flatMap((_, c) => {
        const [cr, cc, f] = contactsPos(r, c);
        if (nextContacts[cr][cc] !== null) return [];
        const value = contacts[cr][cc] * f;
        return [
          { terms: [[r, c, 1]], relation: 'le' as const, value },
          ...(value > 0
            ? [{ terms: [[r, c, 1]] as [number, number, number][], relation: 'ge' as const, value: 1 }]
            : []),
        ];
      }),
    );
    const nextPersons = secure(personGrid, personMask, personShape, solver, resolved, fromContacts);
    const stable = same(nextContacts, contactMask) && same(nextPersons, personMask);
    contactMask = nextContacts;
    personMask = nextPersons;
    if (stable) break;
  }

  const publish = (values: Grid, mask: SuppressionMask, r: number, c: number): PublishedCount => {
    const reason = mask[r][c];
    return reason ? { suppressed: true, reason } : values[r][c];
  };
  const series = (
    counts: ContactSeries['counts'],
    values: Grid,
    mask: SuppressionMask,
    cols: string[],
    offset: number,
    total: number,
    shape: { rowsAddUp: boolean; colsAddUp: boolean },
  ): ContactSeries => ({
    counts,
    rows: months,
    cols,
    cells: months.map((_, r) => cols.map((_, c) => publish(values, mask, r, offset + c))),
    rowTotals: months.map((_, r) => publish(values, mask, r, total)),
    colTotals: cols.map((_, c) => publish(values, mask, R, offset + c)),
    grandTotal: publish(values, mask, R, total),
    ...shape,
  });
  const contactsByChannel = series('contacts', truth, contactMask, channels, 0, C, contactShape);
  const contactsByTerritory = series('contacts', truth, contactMask, places, K, C, contactShape);
  const personsByChannel = series('persons', personGrid, personMask, channels, 0, K, personShape);

  const { threshold, zeroIsSafe, protectionLevel } = resolved;
  const contactsCounted = typeof contactsByChannel.grandTotal === 'number' ? contactsByChannel.grandTotal : undefined;
  const personsCounted = typeof personsByChannel.grandTotal === 'number' ? personsByChannel.grandTotal : undefined;
  return {
    period,
    scope,
    contactsByChannel,
    contactsByTerritory,
    personsByChannel,
    provenance: {
      generatedAt,
      source:
        'Ariadne contact log: contacts counted in the database per month, channel and place; persons as distinct chains of linked contacts',
      ...(contactsCounted === undefined ? {} : { contactsCounted }),
      ...(personsCounted === undefined ? {} : { personsCounted }),
      disclosureControl: [
        `Counts from 1 to ${threshold - 1}${zeroIsSafe ? '' : ' and zeros'} hidden, with complementary suppression; LP audit over everything released together: every hidden count has a feasible interval at least ${protectionLevel} wide.`,
        ...(contactsCounted === undefined
          ? ['Number of contacts counted withheld: the total is hidden to protect small counts.']
          : []),
        ...(personsCounted === undefined
          ? ['Number of persons counted withheld: the total is hidden to protect small counts.']
          : []),
      ],
    },
    notes: [
      'Contacts and persons are different counts and must never be added together: one person may have many contacts.',
      'Persons are distinct chains of linked contacts; a person who never gave a nickname and was not recognised may be counted more than once.',
      'Persons by channel overlap: one person may have contacts on several channels and in several months, so persons do not add up; totals are distinct persons.',
    ],
  };
}
