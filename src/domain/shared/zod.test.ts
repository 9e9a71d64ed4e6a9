import { describe, expect, test } from 'vitest';
import { assertNotBeforeBirth, datesIn } from '../cases/before-birth';
import { isoDate } from './zod';

describe('isoDate: a real calendar date between 1900 and 2100', () => {
  test.each(['1900-01-01', '1999-04-02', '2024-02-29', '2100-12-31'])('%s is accepted', (value) => {
    expect(isoDate.safeParse(value).success).toBe(true);
  });

  test.each([
    ['year 0001', '0001-01-01'],
    ['year 2999', '2999-01-01'],
    ['1899', '1899-12-31'],
    ['2101', '2101-01-01'],
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2025-02-29'],
    ['month 13', '2026-13-01'],
    ['31 April', '2026-04-31'],
  ])('%s is refused with a message naming the bounds', (_name, value) => {
    const result = isoDate.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ code: 'invalid_format', format: 'date' });
    expect(result.error!.issues[0]!.message).toContain('1900 and 2100');
  });

  test('a malformed shape keeps its own message', () => {
    const result = isoDate.safeParse('1.2.2026');
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual(['Use YYYY-MM-DD']);
  });
});

describe('dates before her birth', () => {
  test('every date of a record is found with its path, nested lists included', () => {
    expect(datesIn({ recordedOn: '2020-01-01', n: 3, micro: [{ dueDate: '2021-01-01', title: 'x' }] })).toEqual([
      { path: ['recordedOn'], value: '2020-01-01' },
      { path: ['micro', '0', 'dueDate'], value: '2021-01-01' },
    ]);
  });

  test('a date before her birth is refused on its field with date_before_birth; the day itself is fine', () => {
    const dates = datesIn({ a: '1999-04-01', b: '1999-04-02' }, ['data']);
    expect(() => assertNotBeforeBirth(dates, '1999-04-02')).toThrow(
      expect.objectContaining({
        code: 'date_before_birth',
        details: [expect.objectContaining({ path: ['data', 'a'], code: 'date_before_birth' })],
      }),
    );
    expect(() => assertNotBeforeBirth(dates, '1999-04-01')).not.toThrow();
    expect(() => assertNotBeforeBirth(dates, null)).not.toThrow();
  });
});
