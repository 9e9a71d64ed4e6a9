import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  EXCLUDED_FIELDS,
  HTCDS_COLUMNS,
  QUASI_IDENTIFIERS,
  WITHHELD,
  htcdsToCsv,
  kAnonymise,
  toHtcdsRecords,
  type HtcdsSourceRecord,
} from './htcds';

const source = (overrides: Partial<HtcdsSourceRecord> = {}): HtcdsSourceRecord => ({
  sex: 'female',
  ageAtFirstContact: 27,
  citizenship: 'NG',
  firstContactYear: 2025,
  channel: 'hotline',
  caseStatus: 'programme',
  formsOfExploitation: ['sexual'],
  methodsOfControl: ['debt_bondage', 'withholds_documents'],
  recruiterRelationship: 'acquaintance',
  determinationByOrganisation: 'determined',
  determinationByAuthority: null,
  ...overrides,
});
const org = { type: 'ngo', country: 'IT' };

describe('HTCDS records', () => {
  test('map seed codes to HTCDS values, and unknown local codes to Other', () => {
    const [r] = toHtcdsRecords(
      [
        source({
          methodsOfControl: ['debt_bondage', 'local_code'],
          formsOfExploitation: ['begging', 'mail_order_bride'],
        }),
      ],
      org,
    );
    expect(r).toMatchObject({
      org_Type: 'NGO',
      org_ShippingCountry: 'IT',
      prs_Gender: 'Feminine',
      prs_Citizenship: 'NG',
      ariadne_AgeBandAtFirstContact: '25-34',
      vic_TraffickingStatus: 'ActualVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'NGO',
      vic_RelationshipToTrafficker: 'Acquainted',
      vic_TypeOfExploitation: ['ForcedBegging', 'ForcedMarriage'],
      vic_MethodsOfControl: ['DebtBondage', 'Other'],
      cas_Status: 'Active',
      con_Consent: true,
    });
  });

  test('trafficking status keeps potential, determined and not determined apart', () => {
    const status = (
      o: HtcdsSourceRecord['determinationByOrganisation'],
      a: HtcdsSourceRecord['determinationByAuthority'],
    ) =>
      toHtcdsRecords([source({ determinationByOrganisation: o, determinationByAuthority: a })], org)[0]
        .vic_TraffickingStatus;
    expect(status(null, null)).toBe('PossibleVictimOfTrafficking');
    expect(status('pending', null)).toBe('PossibleVictimOfTrafficking');
    expect(status('not_determined', 'pending')).toBe('PossibleVictimOfTrafficking');
    expect(status('not_determined', null)).toBe('NotAVictimOfTrafficking');
    expect(status('not_determined', 'determined')).toBe('ActualVictimOfTrafficking');
  });

  test('no identifying field is a column', () => {
    for (const field of EXCLUDED_FIELDS) expect(HTCDS_COLUMNS).not.toContain(field);
    expect(htcdsToCsv([]).split('\r\n')[0]).toBe(HTCDS_COLUMNS.join(','));
  });
});

describe('k-anonymity', () => {
  test('rare citizenships are generalised before anything else, and a singular person is withheld', () => {
    const common = Array.from({ length: 5 }, () => source());
    const rare = ['VN', 'CN', 'BR', 'AL', 'UA'].map((citizenship) => source({ citizenship }));
    const unique = source({ sex: 'male', ageAtFirstContact: 61, citizenship: 'BR', firstContactYear: 2019 });
    const result = kAnonymise(toHtcdsRecords([...common, ...rare, unique], org), 5);
    expect(result.withheldRecords).toBe(1);
    expect(result.records).toHaveLength(10);
    expect(result.records.filter((r) => r.prs_Citizenship === 'NG')).toHaveLength(5);
    expect(result.records.filter((r) => r.prs_Citizenship === WITHHELD)).toHaveLength(5);
    // The five rare ones needed only their citizenship hidden; their age band and year stay.
    expect(
      result.records.every((r) => r.ariadne_AgeBandAtFirstContact === '25-34' && r.ariadne_FirstContactYear === 2025),
    ).toBe(true);
    expect(result.generalised).toEqual({
      prs_Citizenship: 6,
      ariadne_AgeBandAtFirstContact: 1,
      ariadne_FirstContactYear: 1,
    });
    expect(result.records.map((r) => r.ariadne_RecordNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  const arbitrary = fc.record({
    sex: fc.constantFrom('female', 'male', 'other', 'unknown'),
    ageAtFirstContact: fc.option(fc.integer({ min: 0, max: 80 })),
    citizenship: fc.option(fc.constantFrom('NG', 'RO', 'MD', 'AL', 'UA', 'VN', 'CN', 'BR')),
    firstContactYear: fc.integer({ min: 2018, max: 2026 }),
    channel: fc.constant('hotline'),
    caseStatus: fc.constantFrom('contact', 'programme', 'closed'),
    formsOfExploitation: fc.constant(['sexual']),
    methodsOfControl: fc.constant([]),
    recruiterRelationship: fc.constant(null),
    determinationByOrganisation: fc.constant(null),
    determinationByAuthority: fc.constant(null),
  }) as fc.Arbitrary<HtcdsSourceRecord>;

  test('every combination of quasi-identifiers left holds at least k persons, and nothing is invented', () => {
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 120 }), fc.integer({ min: 2, max: 8 }), (people, k) => {
        const input = toHtcdsRecords(people, org);
        const { records, withheldRecords } = kAnonymise(input, k);
        expect(records.length + withheldRecords).toBe(input.length);
        const sizes = new Map<string, number>();
        for (const r of records) {
          const key = QUASI_IDENTIFIERS.map((f) => String(r[f])).join('|');
          sizes.set(key, (sizes.get(key) ?? 0) + 1);
        }
        for (const size of sizes.values()) expect(size).toBeGreaterThanOrEqual(k);
        // Generalisation only removes detail: each value is the original or "Withheld".
        const original = new Set(input.map((r) => r.prs_Citizenship));
        for (const r of records) expect(r.prs_Citizenship === WITHHELD || original.has(r.prs_Citizenship)).toBe(true);
      }),
    );
  });

  test('k below 2 is refused', () => {
    expect(() => kAnonymise([], 1)).toThrow(RangeError);
  });
});
