import { describe, expect, test } from 'vitest';
import { minorAtTimeOfActs } from './person';

describe('minority at the time of the acts', () => {
  test.each([
    [
      'recruited at 16, met at 19: the acts date decides',
      { actsDate: '2020-06-01' },
      '2004-01-15',
      { isMinor: true, basis: 'date_of_birth' },
    ],
    [
      'the day before her 18th birthday',
      { actsDate: '2022-01-14' },
      '2004-01-15',
      { isMinor: true, basis: 'date_of_birth' },
    ],
    ['on her 18th birthday', { actsDate: '2022-01-15' }, '2004-01-15', { isMinor: false, basis: 'date_of_birth' }],
    [
      'explicit yes wins over the dates',
      { minorAtActs: 'yes', actsDate: '2030-01-01' },
      '2000-01-01',
      { isMinor: true, basis: 'explicit' },
    ],
    [
      'explicit no wins over the dates',
      { minorAtActs: 'no', actsDate: '2010-01-01' },
      '2000-01-01',
      { isMinor: false, basis: 'explicit' },
    ],
    ['explicit yes without any date', { minorAtActs: 'yes' }, null, { isMinor: true, basis: 'explicit' }],
    [
      'unknown falls back to the dates',
      { minorAtActs: 'unknown', actsDate: '2010-01-01' },
      '2000-01-01',
      { isMinor: true, basis: 'date_of_birth' },
    ],
    ['no acts date: undetermined, whatever her age today', {}, '2000-01-01', { isMinor: null, basis: null }],
    ['no date of birth: undetermined', { actsDate: '2010-01-01' }, null, { isMinor: null, basis: null }],
    [
      'acts before her birth contradict each other',
      { actsDate: '1999-01-01' },
      '2000-01-01',
      { isMinor: null, basis: null },
    ],
  ] as const)('%s', (_name, record, dob, expected) => {
    expect(minorAtTimeOfActs(record, dob)).toEqual(expected);
  });
});
