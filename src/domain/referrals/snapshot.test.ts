import { describe, expect, test } from 'vitest';
import { buildSnapshot, receiverRecords, SnapshotSchema } from './snapshot';
import { sectionsToShare } from './workflow';

const entries = [
  { kind: 'risk_assessment', data: { level: 'high', assessedOn: '2026-01-02' } },
  {
    kind: 'identification',
    data: {
      acts: ['recruitment'],
      means: ['deception'],
      purposes: ['sexual_exploitation'],
      formsOfExploitation: [],
      methodsOfControl: ['debt_bondage'],
      recruiterRelationship: 'intimate_partner',
      assessedOn: '2026-01-03',
      actsDate: '2025-12-01',
      minorAtActs: 'no',
    },
  },
  {
    kind: 'legal_event',
    data: {
      type: 'reflection_period',
      date: '2026-01-04',
      country: 'IT',
      endDate: '2026-04-04',
      note: 'Demo free text',
    },
  },
  { kind: 'placement', data: { type: 'emergency', startOn: '2026-01-01' } },
];
const sources = {
  chosenTerm: 'survivor',
  language: 'ro',
  needs: ['shelter'],
  requestedService: 'accommodation',
  identity: { givenName: 'Demo', sex: 'female' },
  entries,
};

describe('referral snapshot', () => {
  test('only the shared sections, only listed fields: no free text, no relationship, no placement', () => {
    expect(buildSnapshot(sectionsToShare([]), sources)).toEqual({
      chosenTerm: 'survivor',
      language: 'ro',
      needs: ['shelter'],
      requestedService: 'accommodation',
    });
    const all = buildSnapshot(sectionsToShare(['identity', 'identification', 'legal'], 'transfer'), sources);
    expect(all.riskLevel).toBe('high');
    expect(all.identification).toEqual({
      acts: ['recruitment'],
      means: ['deception'],
      purposes: ['sexual_exploitation'],
      formsOfExploitation: [],
      methodsOfControl: ['debt_bondage'],
      assessedOn: '2026-01-03',
      actsDate: '2025-12-01',
      minorAtActs: 'no',
    });
    expect(all.legal).toEqual([
      { type: 'reflection_period', date: '2026-01-04', country: 'IT', endDate: '2026-04-04' },
    ]);
    expect(JSON.stringify(all)).not.toMatch(/free text|intimate_partner|emergency/);
    expect(SnapshotSchema.safeParse(all).success).toBe(true);
  });

  test.each([
    ['a known level crosses', 'high', ['low', 'medium', 'high', 'critical'], 'high', 'shared'],
    ['an unknown level becomes the highest', 'severe', ['low', 'medium', 'high'], 'high', 'unknown_to_receiver'],
    ['a level not shared becomes the highest', undefined, ['low', 'critical'], 'critical', 'not_shared'],
  ] as const)('risk: %s', (_name, shared, levels, expected, source) => {
    const out = receiverRecords(
      { chosenTerm: null, language: null, needs: [], requestedService: 'x', ...(shared ? { riskLevel: shared } : {}) },
      { has: (l, c) => l === 'risk_levels' && levels.includes(c as never), riskLevels: levels },
    );
    expect([out.riskLevel, out.riskLevelSource]).toEqual([expected, source]);
  });

  test('codes unknown to the receiver are kept out and listed', () => {
    const snapshot = buildSnapshot(sectionsToShare(['identification'], 'transfer'), sources);
    const known = new Set([
      'risk_levels:high',
      'palermo_acts:recruitment',
      'palermo_purposes:sexual_exploitation',
      'immediate_needs:shelter',
      'chosen_terms:survivor',
    ]);
    const out = receiverRecords(snapshot, { has: (l, c) => known.has(`${l}:${c}`), riskLevels: ['high'] });
    expect(out.identification).toMatchObject({ acts: ['recruitment'], means: [], methodsOfControl: [] });
    expect(out.omitted).toEqual({
      'identification.means': ['deception'],
      'identification.methodsOfControl': ['debt_bondage'],
    });
  });
});
