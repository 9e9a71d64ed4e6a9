/**
 * Next-objective hint: physical and psychological recovery come before economic
 * and social objectives (001:3326–3330, 6299–6304). This is a hint for the
 * caseworker and her, never a block: later objectives are still suggested.
 */
import type { Assessment } from './assessment';
import type { OutcomeModel } from './model';

export type SuggestionReason = 'low_score' | 'not_assessed';

export interface ObjectiveSuggestion {
  element: string;
  dimension: string;
  priority: number;
  score: number | null;
  reason: SuggestionReason;
}

export interface NextObjectives {
  suggestions: ObjectiveSuggestion[];
  /** 'recovery_first' while any top-priority (recovery) element still needs attention. */
  hint: 'recovery_first' | null;
}

export interface PriorityOptions {
  /** Scores at or below this need attention (default: the scale's midpoint, 2 on 0–4). */
  attentionAt?: number;
  includeNotAssessed?: boolean;
}

/**
 * Suggests objectives from the latest assessment: elements needing attention,
 * ordered by the model's priority, then lowest score, then model order.
 */
export function suggestNextObjectives(
  model: OutcomeModel,
  latest: Assessment | undefined,
  options: PriorityOptions = {},
): NextObjectives {
  const attentionAt = options.attentionAt ?? Math.floor((model.scale.min + model.scale.max) / 2);
  const includeNotAssessed = options.includeNotAssessed ?? false;
  const scores = new Map((latest?.scores ?? []).map((s) => [s.element, s.score]));
  const suggestions: (ObjectiveSuggestion & { order: number })[] = [];
  model.elements.forEach((e, order) => {
    const score = scores.get(e.code) ?? null;
    if (score === null && !includeNotAssessed) return;
    if (score !== null && score > attentionAt) return;
    suggestions.push({
      element: e.code,
      dimension: e.dimension,
      priority: e.priority,
      score,
      reason: score === null ? 'not_assessed' : 'low_score',
      order,
    });
  });
  suggestions.sort(
    (a, b) => a.priority - b.priority || (a.score ?? Infinity) - (b.score ?? Infinity) || a.order - b.order,
  );
  const topPriority = Math.min(...model.elements.map((e) => e.priority));
  const recoveryOutstanding = suggestions.some((s) => s.priority === topPriority && s.reason === 'low_score');
  const laterOutstanding = suggestions.some((s) => s.priority > topPriority);
  return {
    suggestions: suggestions.map(({ order: _order, ...s }) => s),
    hint: recoveryOutstanding && laterOutstanding ? 'recovery_first' : null,
  };
}
