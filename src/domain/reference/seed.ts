/** Builds the seed lists with their labels from locales/ (Node only: it reads the files). */
import { labelsFor } from '../../i18n/resources';
import type { ReferenceList } from './types';

/**
 * Builds a list from its codes (optionally with meta) in order; the labels are the `lists`
 * namespace's `<key>.<code>` in every language of locales/ (see src/i18n/resources.ts).
 *
 * @example list('risk_levels', ['low', 'medium', 'high']).items[0].label.fr // 'Faible'
 */
export function list(key: string, rows: (string | [string, Record<string, unknown>])[]): ReferenceList {
  return {
    key,
    items: rows.map((row, order) => {
      const [code, meta] = typeof row === 'string' ? [row, undefined] : row;
      return { code, label: labelsFor('lists', `${key}.${code}`), order, ...(meta ? { meta } : {}) };
    }),
  };
}
