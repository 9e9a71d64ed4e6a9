/**
 * Coverage gaps of a network: for every service × territory, how many
 * providers there are and whether shelter capacity is exhausted.
 */
export interface ProviderEntry {
  organisationId: string;
  territory: string;
  services: readonly string[];
  shelterPlacesFree: number | null;
}

export interface CoverageCell {
  service: string;
  territory: string;
  providers: number;
  /** true when the service is accommodation-like and no provider has a free place. */
  capacityExhausted: boolean;
  gap: boolean;
}

const SHELTER_SERVICES = new Set(['accommodation']);

/**
 * @example coverageMatrix([{ organisationId: 'a', territory: 'X', services: ['legal_counselling'], shelterPlacesFree: null }], ['legal_counselling', 'accommodation'])
 */
export function coverageMatrix(
  entries: readonly ProviderEntry[],
  services: readonly string[],
): { territories: string[]; cells: CoverageCell[] } {
  const territories = [...new Set(entries.map((e) => e.territory))].sort();
  const cells: CoverageCell[] = [];
  for (const territory of territories) {
    for (const service of services) {
      const providers = entries.filter((e) => e.territory === territory && e.services.includes(service));
      const capacityExhausted =
        SHELTER_SERVICES.has(service) &&
        providers.length > 0 &&
        providers.every((p) => (p.shelterPlacesFree ?? 0) <= 0);
      cells.push({ service, territory, providers: providers.length, capacityExhausted, gap: providers.length === 0 });
    }
  }
  return { territories, cells };
}
