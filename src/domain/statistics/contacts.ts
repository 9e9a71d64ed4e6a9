/**
 * Counting contacts (issue #18): contacts are counted as contacts and persons as persons, in separate
 * series that are never summed together. Contacts per month by channel (kind) and by territory (place);
 * persons = distinct chains (one anonymous person's linked contacts) per month by channel.
 *
 * The same small-cell rule as the person reports (the shared zero policy of ./suppression, the LP
 * audit of ./lp-audit), applied to everything released together: the channel and territory tables
 * share their monthly totals, so they are protected as one grid; and a published persons count bounds
 * the contacts of its cell (persons ≤ contacts, and ≥ 1 when there were contacts), so each side's
 * audit includes what the other publishes, until neither has to hide more.
 * Complements are chosen by least cost, so that a year of months does not hide everything for one
 * small cell: the smallest non-zero cell of the same line, preferring one that closes two lines at
 * once, and a total only when no cell can do it.
 * Not done: aggregating months into quarters as a fallback; with least-cost complements a total is
 * hidden only when a whole month or category is small.
 * The provenance states counts only when the published grand totals do.
 *
 * Pure: the caller gives counts aggregated in the database (never a row) and the clock's time.
 */
import { auditSuppression, type LpSolver, type PublishedRelation } from './lp-audit';
import type { PublishedCount } from './protect';
import { isSmall, resolveSuppressionOptions, type SuppressionMask, type SuppressionOptions } from './suppression';

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
type Pos = [number, number];
/** Positions that add up (or, for persons, bound each other): a line's cells and its total. */
type Line = Pos[];

/**
 * What hiding one more position costs, compared lexicographically. Totals last (the grand total
 * after every other total): a hidden total hides a whole month or category. Zeros late: a hidden zero
 * can only be larger, so it protects little. Then the lines it mends (a cell in two lines that each
 * hide exactly one position protects both at once) against the lines it opens (a line that hid
 * nothing now hides one), and last the smallest count, which loses the least.
 */
function complementCost(grid: Grid, mask: SuppressionMask, byPos: Map<string, Line[]>, [r, c]: Pos): number[] {
  const margins = (r === grid.length - 1 ? 1 : 0) + (c === grid[0].length - 1 ? 1 : 0);
  let balance = 0;
  for (const line of byPos.get(`${r},${c}`) ?? []) {
    const hidden = line.filter(([lr, lc]) => mask[lr][lc] !== null).length;
    if (hidden === 0) balance += 1;
    else if (hidden === 1) balance -= 1;
  }
  return [margins, grid[r][c] === 0 ? 1 : 0, balance, grid[r][c]];
}

function cheapest(grid: Grid, mask: SuppressionMask, byPos: Map<string, Line[]>, candidates: Pos[]): Pos | undefined {
  let best: Pos | undefined;
  let bestCost: number[] = [];
  for (const pos of candidates) {
    if (mask[pos[0]][pos[1]] !== null) continue;
    const cost = complementCost(grid, mask, byPos, pos);
    const i = cost.findIndex((v, k) => v !== bestCost[k]);
    if (!best || (i >= 0 && cost[i] < bestCost[i])) [best, bestCost] = [pos, cost];
  }
  return best;
}

function linesByPosition(lines: Line[]): Map<string, Line[]> {
  const byPos = new Map<string, Line[]>();
  for (const line of lines)
    for (const [r, c] of line) byPos.set(`${r},${c}`, [...(byPos.get(`${r},${c}`) ?? []), line]);
  return byPos;
}

/**
 * Least-cost complementary suppression to a fixed point: while a line hides exactly one position
 * (recoverable by subtracting the others from its total), hide its cheapest other position.
 * Ends: each step hides one more position, and a line that hides everything is closed.
 */
function closeLines(grid: Grid, start: SuppressionMask, lines: Line[]): SuppressionMask {
  const mask = start.map((row) => [...row]);
  const byPos = linesByPosition(lines);
  const open = () => lines.find((line) => line.filter(([r, c]) => mask[r][c] !== null).length === 1);
  for (let line = open(); line; line = open()) {
    const [r, c] = cheapest(grid, mask, byPos, line)!;
    mask[r][c] = 'complementary';
  }
  return mask;
}

/** Hides the cheapest published position sharing a line with the failing one (else anywhere). */
function widen(grid: Grid, mask: SuppressionMask, lines: Line[], [r, c]: Pos): boolean {
  const byPos = linesByPosition(lines);
  const near = (byPos.get(`${r},${c}`) ?? []).flat();
  const everywhere = grid.flatMap((row, rr) => row.map((_, cc) => [rr, cc] as Pos));
  const pick = cheapest(grid, mask, byPos, near) ?? cheapest(grid, mask, byPos, everywhere);
  if (!pick) return false;
  mask[pick[0]][pick[1]] = 'complementary';
  return true;
}

/** Rows and columns of a grid whose last row and column are its totals. */
function plainLines(rows: number, cols: number): Line[] {
  const lines: Line[] = [];
  for (let r = 0; r <= rows; r++) lines.push(Array.from({ length: cols + 1 }, (_, c) => [r, c] as Pos));
  for (let c = 0; c <= cols; c++) lines.push(Array.from({ length: rows + 1 }, (_, r) => [r, c] as Pos));
  return lines;
}

/**
 * Lines of the contacts grid (channels, then places, then the month total): each month's channels
 * with its total, its places with the same total, and every column with its total. Channels and
 * places are two lines, not one: hiding one channel and one place of a month would protect neither.
 */
function contactLines(rows: number, channels: number, places: number): Line[] {
  const total = channels + places;
  const lines: Line[] = [];
  for (let r = 0; r <= rows; r++) {
    lines.push([...Array.from({ length: channels }, (_, c) => [r, c] as Pos), [r, total]]);
    if (places > 0) lines.push([...Array.from({ length: places }, (_, c) => [r, channels + c] as Pos), [r, total]]);
  }
  for (let c = 0; c <= total; c++) lines.push(Array.from({ length: rows + 1 }, (_, r) => [r, c] as Pos));
  return lines;
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
  const cLines = contactLines(R, K, P);
  const pLines = plainLines(R, K);
  let contactMask = primary(truth);
  let personMask = primary(personGrid);
  // Both sides to a fixed point together: each round closes every line, audits everything released
  // (each side with what the other publishes) and hides one more position per failing count, on the
  // side whose published number narrows it. Each round hides more, and everything hidden passes.
  for (;;) {
    contactMask = closeLines(contacts, contactMask, cLines);
    personMask = closeLines(personGrid, personMask, pLines);
    const fromPersons: PublishedRelation[] = personGrid.flatMap((row, r) =>
      row.flatMap((v, c) =>
        personMask[r][c] === null ? [{ terms: [contactsPos(r, c)], relation: 'ge' as const, value: v }] : [],
      ),
    );
    const fromContacts: PublishedRelation[] = personGrid.flatMap((row, r) =>
      row.flatMap((_, c) => {
        const [cr, cc, f] = contactsPos(r, c);
        if (contactMask[cr][cc] !== null) return [];
        const value = contacts[cr][cc] * f;
        return [
          { terms: [[r, c, 1]], relation: 'le' as const, value },
          ...(value > 0
            ? [{ terms: [[r, c, 1]] as [number, number, number][], relation: 'ge' as const, value: 1 }]
            : []),
        ];
      }),
    );
    const level = resolved.protectionLevel;
    const contactAudit = auditSuppression(contacts, contactMask, contactShape, solver, level, [
      ...channelsAddUp,
      ...fromPersons,
    ]);
    const personAudit = auditSuppression(personGrid, personMask, personShape, solver, level, fromContacts);
    if (contactAudit.ok && personAudit.ok) break;
    let progressed = false;
    for (const cell of contactAudit.intervals.filter((i) => !i.protected)) {
      // A published persons count is a floor under its contacts: when it is the floor that binds, hide it.
      const p = cell.c < K ? [cell.r, cell.c] : cell.c === C ? [cell.r, K] : undefined;
      if (p && personMask[p[0]][p[1]] === null && personGrid[p[0]][p[1]] >= cell.min / (cell.c === C ? 2 : 1) - 1e-6) {
        personMask[p[0]][p[1]] = 'complementary';
        progressed = true;
      } else progressed = widen(contacts, contactMask, cLines, [cell.r, cell.c]) || progressed;
    }
    for (const cell of personAudit.intervals.filter((i) => !i.protected)) {
      // A published contacts count is a ceiling over its persons: when it binds, hide it.
      const [cr, cc, f] = contactsPos(cell.r, cell.c);
      if (contactMask[cr][cc] === null && contacts[cr][cc] * f <= cell.max + 1e-6) {
        contactMask[cr][cc] = 'complementary';
        progressed = true;
      } else progressed = widen(personGrid, personMask, pLines, [cell.r, cell.c]) || progressed;
    }
    if (!progressed) throw new Error('Suppression cannot protect these contact statistics');
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
