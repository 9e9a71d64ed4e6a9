/**
 * Older legal events read as the tracks record them now. Italy's Art. 18 permit was once two
 * permit codes (`it_art18_judicial`, `it_art18_social`) beside a `path` field, which could
 * contradict each other; it is one code, `it_art18`, and the path recorded once. The two codes are
 * retired (migration 040), not deleted: records carrying them read as `it_art18` with their path.
 * Where an old record's `path` contradicts its code, the code wins: it is what the permit says.
 *
 * @example normaliseLegalEvent({ type: 'permit_decision', permitType: 'it_art18_social' }) // { …, permitType: 'it_art18', path: 'social' }
 */
export const RETIRED_PERMIT_CODES: Readonly<Record<string, { permitType: string; path: 'judicial' | 'social' }>> = {
  it_art18_judicial: { permitType: 'it_art18', path: 'judicial' },
  it_art18_social: { permitType: 'it_art18', path: 'social' },
};

export function normaliseLegalEvent<T extends Record<string, unknown>>(data: T): T {
  const retired = typeof data.permitType === 'string' ? RETIRED_PERMIT_CODES[data.permitType] : undefined;
  return retired ? { ...data, permitType: retired.permitType, path: retired.path } : data;
}
