/**
 * Autonomy, not independence (001:3375–3385, 6314–6338): for each key decision
 * record the three checks — did she enter it by her own decision, does she get
 * the emotional support she needs, does she have autonomy within it. Financial
 * dependence is recorded but never lowers the summary.
 */
export const DECISION_AREAS = ['relationship', 'work', 'return', 'disclosure_to_family', 'other'] as const;
export type DecisionArea = (typeof DECISION_AREAS)[number];

/** `null` means not known or not asked; it is never read as "no". */
export interface KeyDecision {
  area: DecisionArea;
  description?: string;
  ownDecision: boolean | null;
  emotionalSupport: boolean | null;
  autonomyWithin: boolean | null;
  /** Recorded for context only: depending on a partner or family is not a failure. */
  financialDependence?: boolean | null;
}

export interface AutonomyRecord {
  decisions: KeyDecision[];
}

export type AutonomyCheck = 'ownDecision' | 'emotionalSupport' | 'autonomyWithin';
export const AUTONOMY_CHECKS: AutonomyCheck[] = ['ownDecision', 'emotionalSupport', 'autonomyWithin'];

export type DecisionStatus = 'autonomous' | 'concern' | 'unknown';

export interface DecisionSummary {
  area: DecisionArea;
  status: DecisionStatus;
  /** Checks answered "no": what to talk about with her, not a verdict. */
  concerns: AutonomyCheck[];
  unknown: AutonomyCheck[];
}

export interface AutonomySummary {
  decisions: DecisionSummary[];
  autonomous: number;
  concern: number;
  unknown: number;
}

/** Status of one decision: all three checks yes → autonomous; any no → concern; otherwise unknown. */
export function decisionStatus(decision: KeyDecision): DecisionSummary {
  const concerns = AUTONOMY_CHECKS.filter((check) => decision[check] === false);
  const unknown = AUTONOMY_CHECKS.filter((check) => decision[check] === null || decision[check] === undefined);
  const status: DecisionStatus = concerns.length > 0 ? 'concern' : unknown.length > 0 ? 'unknown' : 'autonomous';
  return { area: decision.area, status, concerns, unknown };
}

/** Summarises autonomy across her key decisions; independence plays no part. */
export function summariseAutonomy(record: AutonomyRecord | undefined): AutonomySummary {
  const decisions = (record?.decisions ?? []).map(decisionStatus);
  const count = (status: DecisionStatus) => decisions.filter((d) => d.status === status).length;
  return { decisions, autonomous: count('autonomous'), concern: count('concern'), unknown: count('unknown') };
}
