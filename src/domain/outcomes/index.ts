/** Public API of the pure (re)integration outcomes model: no database, no HTTP. */
export * from './errors';
export * from './model';
export * from './assessment';
export * from './autonomy';
export * from './circumstances';
export * from './milestones';
export * from './continuum';
export * from './priority';
export * from './surtees';
export * from './trafficking-types';
export * from './factors';
export * from './schedule';
export * from './instrument';
export * from './cohort';
export type { CaseFacts } from './facts';
export * from './cohort-export';
