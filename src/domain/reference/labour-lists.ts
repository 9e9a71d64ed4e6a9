/**
 * Seed lists for labour-market insertion (issue #19; seed 004 ~1059–1090): her schooling level
 * (ISCED-like), the economic sectors of her work history, employers and placements, and the
 * contract types of a placement. Codes are shared by everyone (statistics count by them).
 */
import { list } from './seed';

export const educationLevels = list('education_levels', [
  'none',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'vocational',
  'tertiary',
  'unknown',
]);

export const economicSectors = list('economic_sectors', [
  'agriculture',
  'construction',
  'hospitality',
  'domestic_work',
  'manufacturing',
  'retail',
  'care',
  'cleaning',
  'transport',
  'beauty',
  'other',
]);

export const contractTypes = list('contract_types', [
  'permanent',
  'fixed_term',
  'apprenticeship',
  'seasonal',
  'part_time',
  'self_employed',
  'other',
]);
