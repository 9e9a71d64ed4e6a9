import { describe, expect, test } from 'vitest';
import { coverageMatrix } from './coverage';

describe('coverage matrix', () => {
  test('flags services with no provider in a territory and exhausted shelter capacity', () => {
    const { territories, cells } = coverageMatrix(
      [
        {
          organisationId: 'a',
          territory: 'North',
          services: ['legal_counselling', 'accommodation'],
          shelterPlacesFree: 0,
        },
        { organisationId: 'b', territory: 'South', services: ['accommodation'], shelterPlacesFree: 3 },
      ],
      ['legal_counselling', 'accommodation'],
    );
    expect(territories).toEqual(['North', 'South']);
    const cell = (t: string, s: string) => cells.find((c) => c.territory === t && c.service === s)!;
    expect(cell('North', 'accommodation')).toMatchObject({ providers: 1, capacityExhausted: true, gap: false });
    expect(cell('South', 'legal_counselling')).toMatchObject({ providers: 0, gap: true });
    expect(cell('South', 'accommodation')).toMatchObject({ capacityExhausted: false });
  });
});
