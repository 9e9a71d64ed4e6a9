/**
 * Where linkage quality is lost (#20), on the Zipf-name generator with two organisations:
 * pairs-completeness of blocking, true pairs below the candidate floor, recall and precision
 * of the linked pairs before and after the one-to-one solver, and the misses by the kind of
 * difference between a true pair's two records (read from the raw records: evaluation only).
 *   npx tsx bench/linkage-diagnose.ts [--size 5000] [--seed 500]
 */
import { parseArgs } from 'node:util';
import { blockingBitsFor, buildBlockingIndex } from '../src/domain/linkage/blocking';
import { dice } from '../src/domain/linkage/bits';
import { normaliseName, parseBirthDate } from '../src/domain/linkage/normalise';
import { createEncoder, generateSynthetic, linkNetwork, type SyntheticRecord } from '../src/domain/linkage/index';
import { DEFAULT_LSH } from '../src/domain/linkage/schema';

const SECRET = 'bench-network-linkage-secret-0123456789';

function twoSources(perSource: number, seed: number): SyntheticRecord[] {
  const records = generateSynthetic({
    seed,
    persons: Math.ceil(perSource / 0.7) + 50,
    orgs: ['org-a', 'org-b'],
    presence: 0.7,
  });
  const a = records.filter((r) => r.orgId === 'org-a').slice(0, perSource);
  const b = records.filter((r) => r.orgId === 'org-b').slice(0, perSource);
  return [...a, ...b];
}

function editDistance(x: string, y: string): number {
  const row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[y.length];
}

/** The kinds of difference between two records of one person. */
function differences(x: SyntheticRecord, y: SyntheticRecord): string[] {
  const kinds: string[] = [];
  const name = (r: SyntheticRecord, f: string) => (r.fields[f] ? normaliseName(r.fields[f]!) : '');
  const [gx, gy, sx, sy] = [name(x, 'given_name'), name(y, 'given_name'), name(x, 'surname'), name(y, 'surname')];
  const dx = x.fields.date_of_birth ? parseBirthDate(x.fields.date_of_birth) : undefined;
  const dy = y.fields.date_of_birth ? parseBirthDate(y.fields.date_of_birth) : undefined;
  if (!dx || !dy) kinds.push('dob missing');
  else if (dx.year !== dy.year || dx.month !== dy.month || dx.day !== dy.day) {
    if (dx.year === dy.year && dx.month === dy.day && dx.day === dy.month) kinds.push('dob day/month swap');
    else if ((dx.month === 1 && dx.day === 1) || (dy.month === 1 && dy.day === 1)) kinds.push('dob year only');
    else kinds.push('dob off');
  }
  if (!gx || !gy) kinds.push('given missing');
  if (!sx || !sy) kinds.push('surname missing');
  if (gx && gy && sx && sy && gx !== gy && sx !== sy && editDistance(gx, sy) <= 1 && editDistance(sx, gy) <= 1)
    kinds.push('names swapped');
  else {
    for (const [label, a, b] of [
      ['given', gx, gy],
      ['surname', sx, sy],
    ] as const) {
      if (!a || !b || a === b) continue;
      const d = editDistance(a, b);
      if (d <= 2) kinds.push(`${label} small edit`);
      else kinds.push(label === 'surname' ? 'surname changed' : 'given different');
    }
  }
  const script = (r: SyntheticRecord) =>
    /[^\x00-\u024f\s]/.test(`${r.fields.given_name ?? ''}${r.fields.surname ?? ''}`) ? 'other' : 'latin';
  if (script(x) !== script(y) && kinds.some((k) => k.startsWith('given') || k.startsWith('surname')))
    kinds.push('(across scripts)');
  return kinds.length ? kinds : ['no difference after normalising'];
}

const { values } = parseArgs({
  options: { size: { type: 'string', default: '5000' }, seed: { type: 'string', default: '500' } },
});
const perSource = Number(values.size);
const records = twoSources(perSource, Number(values.seed));
const encoder = createEncoder(SECRET);
const encodings = records.map((r) => encoder.encode(r));
const key = (r: { orgId: string; recordId: string }) => `${r.orgId}/${r.recordId}`;
const indexOf = new Map(records.map((r, i) => [key(r), i]));
// True cross-organisation pairs (two organisations: at most one record of a person in each).
const byPerson = new Map<string, number[]>();
records.forEach((r, i) => byPerson.set(r.truthPersonId, [...(byPerson.get(r.truthPersonId) ?? []), i]));
const truePairs: [number, number][] = [];
for (const members of byPerson.values())
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++)
      if (records[members[i]].orgId !== records[members[j]].orgId) truePairs.push([members[i], members[j]]);
const pk = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
const isTrue = (a: number, b: number) => records[a].truthPersonId === records[b].truthPersonId;

const started = performance.now();
const result = linkNetwork(encodings);
const seconds = (performance.now() - started) / 1000;
const bits = result.stats.blockingBits ?? blockingBitsFor(perSource, DEFAULT_LSH.bitsPerBand);
const index = buildBlockingIndex(encodings, bits, 2000);
const blocked = (a: number, b: number) =>
  index.groupings.some(({ bucketOf, start }) => {
    const k = bucketOf[a];
    return k >= 0 && k === bucketOf[b] && start[k + 1] - start[k] <= index.maxBucketSize;
  });
const linked = new Set(result.matches.map((m) => pk(indexOf.get(key(m.a))!, indexOf.get(key(m.b))!)));
const reviewed = new Set(result.review.map((m) => pk(indexOf.get(key(m.a))!, indexOf.get(key(m.b))!)));
const clustered = new Set<string>();
for (const c of result.clusters) {
  const ids = c.members.map((m) => indexOf.get(key(m))!);
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) clustered.add(pk(ids[i], ids[j]));
}
const stage = new Map<string, Map<string, number>>();
const count = (where: string, kinds: string[]) => {
  const row = stage.get(where) ?? new Map<string, number>();
  for (const k of kinds) row.set(k, (row.get(k) ?? 0) + 1);
  row.set('(pairs)', (row.get('(pairs)') ?? 0) + 1);
  stage.set(where, row);
};
let inBlocks = 0;
for (const [a, b] of truePairs) {
  const kinds = differences(records[a], records[b]);
  count('all true pairs', kinds);
  const d = dice(encodings[a].clk, encodings[b].clk);
  if (!blocked(a, b)) count('missed by blocking', kinds);
  else if (d < 0.4) (inBlocks++, count('blocked, Dice < 0.4 floor', kinds));
  else {
    inBlocks++;
    if (!linked.has(pk(a, b))) count(reviewed.has(pk(a, b)) ? 'below threshold, in review' : 'below threshold', kinds);
    else if (!clustered.has(pk(a, b))) count('linked, dropped by solver', kinds);
  }
}
const tp = (set: Set<string>) =>
  [...set].filter((p) => {
    const [a, b] = p.split(',').map(Number);
    return isTrue(a, b);
  }).length;
const crossClustered = new Set(
  [...clustered].filter((p) => {
    const [a, b] = p.split(',').map(Number);
    return records[a].orgId !== records[b].orgId;
  }),
);
const report = (label: string, set: Set<string>) => {
  const t = tp(set);
  const precision = t / Math.max(1, set.size);
  const recall = t / truePairs.length;
  console.log(
    `${label}: precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}, F1 ${((2 * precision * recall) / (precision + recall)).toFixed(4)} (${set.size} pairs, ${set.size - t} false)`,
  );
};
console.log(
  `${perSource}×${perSource}, seed ${values.seed}: ${truePairs.length} true pairs; link ${seconds.toFixed(1)} s; bits ${JSON.stringify(bits)}; candidates ${result.stats.candidatePairs}`,
);
console.log(
  `blocking pairs-completeness ${(inBlocks / truePairs.length + (stage.get('blocked, Dice < 0.4 floor')?.get('(pairs)') ?? 0) * 0).toFixed(4)}`,
);
report('linked pairs before the solver', linked);
report('clusters (cross-org pairs)', crossClustered);
console.log(
  `threshold p ≥ ${result.stats.autoLinkThreshold?.toFixed(3)}, review ${result.stats.review} pairs, ${result.stats.reviewRecords} records (${((100 * (result.stats.reviewRecords ?? 0)) / records.length).toFixed(2)}%)`,
);
const falseLinked = [...crossClustered].filter((p) => {
  const [a, b] = p.split(',').map(Number);
  return !isTrue(a, b);
});
console.log(`false links in clusters: ${falseLinked.length}`);
const fpKinds = new Map<string, number>();
for (const p of falseLinked.slice(0, 100000)) {
  const [a, b] = p.split(',').map(Number);
  const x = records[a],
    y = records[b];
  const same = (f: string) =>
    x.fields[f] && y.fields[f]
      ? normaliseName(x.fields[f]!) === normaliseName(y.fields[f]!)
        ? 'same'
        : 'diff'
      : 'miss';
  const dx = x.fields.date_of_birth && parseBirthDate(x.fields.date_of_birth),
    dy = y.fields.date_of_birth && parseBirthDate(y.fields.date_of_birth);
  const dob = dx && dy ? (dx.year === dy.year && dx.month === dy.month && dx.day === dy.day ? 'same' : 'diff') : 'miss';
  const k = `given ${same('given_name')}, surname ${same('surname')}, dob ${dob}`;
  fpKinds.set(k, (fpKinds.get(k) ?? 0) + 1);
}
console.log('false links by agreement:', [...fpKinds].sort((x, y) => y[1] - x[1]).slice(0, 8));
const kinds = [...(stage.get('all true pairs')?.keys() ?? [])];
console.log(['stage', ...kinds].join('\t'));
for (const [where, row] of stage) console.log([where, ...kinds.map((k) => row.get(k) ?? 0)].join('\t'));
