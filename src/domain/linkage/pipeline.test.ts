import { describe, expect, test } from 'vitest';
import { createEncoder, type EncodedRecord, type IdentityRecord } from './encode';
import { LinkageError } from './errors';
import { DEFAULT_REVIEW_THRESHOLD, linkNetwork, pairKey, type LinkagePhase } from './pipeline';
import { DEFAULT_SCHEMA } from './schema';

const SECRET = 'pipeline-test-secret-0123456789';
const encoder = createEncoder(SECRET);
const rec = (
  orgId: string,
  recordId: string,
  fields: IdentityRecord['fields'],
  attributes?: IdentityRecord['attributes'],
) => encoder.encode({ orgId, recordId, consentToNetworkDedup: true, fields, attributes });

const olena = { given_name: 'Olena', surname: 'Kovalenko', date_of_birth: '1991-04-12', sex: 'F', citizenship: 'UA' };
const encodings: EncodedRecord[] = [
  rec('shelter', 's1', olena, { intakeYear: 2024 }),
  rec('ngo', 'n1', { ...olena, given_name: 'Олена', surname: 'Коваленко' }),
  rec('police', 'p1', { ...olena, surname: 'Kovalenkoo', date_of_birth: '1991-12-04' }),
  rec('ngo', 'n2', {
    given_name: 'Ioana',
    surname: 'Mărgineanu',
    date_of_birth: '1979-08-30',
    sex: 'F',
    citizenship: 'RO',
  }),
  rec('shelter', 's2', {
    given_name: 'Ioana',
    surname: 'Mărgineanu',
    date_of_birth: '1979-08-30',
    citizenship: 'RO',
    place_of_birth: 'Iași',
  }),
];

describe('linkNetwork', () => {
  test('links the same person across organisations and reports stats', () => {
    const result = linkNetwork(encodings);
    expect(result.schemaVersion).toBe('v2');
    expect(result.stats).toMatchObject({ records: 5, sources: 3, possiblePairs: 8, clusters: 2 });
    expect(result.stats.comparisons).toBeLessThanOrEqual(result.stats.candidatePairs);
    const sizes = result.clusters.map((c) => c.members.length).sort();
    expect(sizes).toEqual([2, 3]);
  });

  test('pairs between the thresholds go to review with ids, score and attributes only', () => {
    const result = linkNetwork(encodings, { matchThreshold: 0.999, reviewThreshold: 0.5 });
    expect(result.review.length).toBeGreaterThan(0);
    for (const item of result.review) {
      expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['a', 'b', 'score']));
      expect(Object.keys(item.a).sort()).toEqual(['orgId', 'recordId']);
      expect(item.score).toBeGreaterThanOrEqual(0.5);
      expect(JSON.stringify(item)).not.toMatch(/olena|kovalenko|1991|ioana/i);
    }
    expect(result.review.some((i) => i.aAttributes?.intakeYear === 2024 || i.bAttributes?.intakeYear === 2024)).toBe(
      true,
    );
  });

  test('reports progress for every phase, ending complete', () => {
    const seen = new Map<LinkagePhase, [number, number]>();
    linkNetwork(encodings, {}, (phase, done, total) => seen.set(phase, [done, total]));
    expect([...seen.keys()]).toEqual(['validate', 'block', 'compare', 'cluster']);
    for (const [done, total] of seen.values()) expect(done).toBe(total);
  });

  test('no records: no persons', () => {
    expect(linkNetwork([]).stats).toMatchObject({ records: 0, clusters: 0, comparisons: 0 });
  });

  const otherVersion = createEncoder(SECRET, { ...DEFAULT_SCHEMA, version: 'v9' }).encode({
    orgId: 'x',
    recordId: 'x1',
    consentToNetworkDedup: true,
    fields: olena,
  });
  test.each([
    ['an encoding of another schema version', [...encodings, otherVersion], 'schema_mismatch'],
    ['a CLK of the wrong length', [{ ...encodings[0], clk: new Uint32Array(16) }], 'wrong_length'],
    [
      'a band list of the wrong length',
      [{ ...encodings[0], blocking: { dayMonth: null, bands: new Uint32Array(2) } }],
      'wrong_length',
    ],
    [
      'an encoding without consent',
      [{ ...encodings[0], consentToNetworkDedup: false as unknown as true }],
      'no_consent',
    ],
    ['the same record twice', [encodings[0], encodings[0]], 'invalid_options'],
  ])('refuses %s', (_, input, code) => {
    expect(() => linkNetwork(input)).toThrow(LinkageError);
    expect(() => linkNetwork(input)).toThrow(expect.objectContaining({ code }));
  });

  test('refuses thresholds outside (0, 1]', () => {
    expect(() => linkNetwork(encodings, { matchThreshold: 1.5 })).toThrow(
      expect.objectContaining({ code: 'invalid_options' }),
    );
  });

  test('the error message names the versions involved', () => {
    expect(() => linkNetwork([otherVersion])).toThrow(new RegExp(`v9.*${DEFAULT_SCHEMA.version}`));
  });
});

describe('review decisions', () => {
  const encoder = createEncoder('a-demo-network-secret-of-enough-length', DEFAULT_SCHEMA);
  const record = (orgId: string, recordId: string, surname: string, dob: string, citizenship: string) =>
    encoder.encode({
      recordId,
      orgId,
      consentToNetworkDedup: true,
      fields: { given_name: 'Demo', surname, date_of_birth: dob, sex: 'female', citizenship },
    });
  const a = record('north', 'p1', 'Person 810', '1995-03-04', 'RO');
  const b = record('south', 'p2', 'Pearsen 810', '1995-03-14', 'MD');

  test('a pair in the review band is left for a person to decide, then follows the decision', () => {
    // The band around this pair's own similarity, whatever the encoding gives it.
    const score = linkNetwork([a, b], { matchThreshold: 1, reviewThreshold: 0.05 }).review[0].score;
    expect(score).toBeLessThan(0.999);
    const band = { matchThreshold: (1 + score) / 2, reviewThreshold: score / 2 };
    const open = linkNetwork([a, b], band);
    expect(open.review).toHaveLength(1);
    expect(open.clusters).toHaveLength(2);
    const confirmed = linkNetwork([a, b], {
      ...band,
      decisions: [{ a: { orgId: 'south', recordId: 'p2' }, b: { orgId: 'north', recordId: 'p1' }, match: true }],
    });
    expect(confirmed.review).toHaveLength(0);
    expect(confirmed.clusters).toHaveLength(1);
    const rejected = linkNetwork([a, b], {
      ...band,
      decisions: [{ a: { orgId: 'north', recordId: 'p1' }, b: { orgId: 'south', recordId: 'p2' }, match: false }],
    });
    expect([rejected.review.length, rejected.clusters.length]).toEqual([0, 2]);
  });

  const ref = (orgId: string, recordId: string) => ({ orgId, recordId });
  const together = (result: ReturnType<typeof linkNetwork>, x: string, y: string) =>
    result.clusters.some((c) => c.members.some((m) => m.recordId === x) && c.members.some((m) => m.recordId === y));

  test("a reviewer's rejection keeps two records apart even when a third links both", () => {
    expect(together(linkNetwork(encodings), 's1', 'n1')).toBe(true);
    const result = linkNetwork(encodings, {
      decisions: [{ a: ref('shelter', 's1'), b: ref('ngo', 'n1'), match: false }],
    });
    expect(together(result, 's1', 'n1')).toBe(false);
    expect(result.clusters.every((c) => new Set(c.members.map((m) => m.orgId)).size === c.members.length)).toBe(true);
  });

  test('a confirmed pair is linked even when its records are no candidates; one the rejections forbid is reported', () => {
    const confirmed = linkNetwork(encodings, {
      decisions: [{ a: ref('shelter', 's1'), b: ref('ngo', 'n2'), match: true }],
    });
    expect(together(confirmed, 's1', 'n2')).toBe(true);
    expect(confirmed.conflicts).toEqual([]);
    const conflicting = linkNetwork(encodings, {
      decisions: [
        { a: ref('shelter', 's1'), b: ref('ngo', 'n1'), match: true },
        { a: ref('ngo', 'n1'), b: ref('police', 'p1'), match: true },
        { a: ref('shelter', 's1'), b: ref('police', 'p1'), match: false },
      ],
    });
    expect(conflicting.stats.conflicts).toBe(1);
    expect(conflicting.conflicts).toHaveLength(1);
    expect(together(conflicting, 's1', 'p1')).toBe(false);
  });

  test("person ids carry over from the previous run's assignment", () => {
    const first = linkNetwork(encodings);
    const previousPersons = first.clusters.flatMap((c) => c.members.map((m) => ({ ...m, personId: c.personId })));
    // A new record joins nobody's cluster here: every earlier person keeps her id.
    const more = [...encodings, rec('police', 'p9', { ...olena, given_name: 'Maria', surname: 'Ionescu' })];
    const second = linkNetwork(more, { previousPersons });
    for (const c of first.clusters) {
      const now = second.clusters.find((x) => x.members.some((m) => m.recordId === c.members[0].recordId))!;
      expect(now.personId).toBe(c.personId);
    }
  });

  test('pair keys ignore order', () => {
    expect(pairKey({ orgId: 'x', recordId: '1' }, { orgId: 'y', recordId: '2' })).toBe(
      pairKey({ orgId: 'y', recordId: '2' }, { orgId: 'x', recordId: '1' }),
    );
  });
});

describe('a network too small to estimate from', () => {
  const encoder = createEncoder('a-demo-network-secret-of-enough-length', DEFAULT_SCHEMA);
  const person = (orgId: string, recordId: string, surname: string, dob: string, citizenship: string) =>
    encoder.encode({
      recordId,
      orgId,
      consentToNetworkDedup: true,
      fields: { given_name: 'Demo', surname, date_of_birth: dob, sex: 'female', citizenship },
    });
  // Dates of birth apart: sex and citizenship, bound to the date in schema v2, disagree with it.
  const north = person('north', 'n1', 'Okonkwo', '1958-11-23', 'UA');
  const south = person('south', 's1', 'Okonkow', '1958-12-28', 'MD');

  test('offers its likeliest pair below the fixed review threshold for a person to decide', () => {
    const result = linkNetwork([north, south]);
    expect(result.model).toBeUndefined();
    expect(result.review).toHaveLength(1);
    expect(result.review[0].score).toBeLessThan(DEFAULT_REVIEW_THRESHOLD);
    expect(result.clusters).toHaveLength(2);
    // Fixed thresholds asked for are kept as they are; no cap left, nothing more is offered.
    expect(linkNetwork([north, south], { method: 'dice' }).review).toHaveLength(0);
    expect(linkNetwork([north, south], { reviewCapPerOrganisation: 0 }).review).toHaveLength(0);
  });

  test("the nearest first, within each organisation's cap", () => {
    const others = ['Okonkwu', 'Okonkvo', 'Okonkwa', 'Okonko', 'Okonkwoo'].map((surname, i) =>
      person('north', `n${i + 2}`, surname, `1958-1${i % 3}-0${i + 1}`, 'UA'),
    );
    const all = [north, ...others, south];
    const open = linkNetwork(all, { reviewCapPerOrganisation: 1000 }).review;
    expect(open.length).toBeGreaterThan(2);
    const capped = linkNetwork(all, { reviewCapPerOrganisation: 2 }).review;
    const nearest = open
      .map((r) => r.score)
      .sort((x, y) => y - x)
      .slice(0, 2);
    expect(capped.map((r) => r.score)).toEqual(nearest);
  });
});
