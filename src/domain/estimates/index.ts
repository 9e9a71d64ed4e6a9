/** Estimates registry: public surface (types, validation, citation chains, seed data). */
export {
  CitationSchema,
  EstimateSchema,
  ESTIMATE_FLAGS,
  ESTIMATE_METHODS,
  ESTIMATE_UNITS,
  parseEstimate,
} from './schema';
export type { Citation, Estimate } from './schema';
export { citationChain } from './citation-chain';
export type { ChainLink, CitationChain } from './citation-chain';
export { SEED_ROW_COUNT, seedEstimates } from './seed';
