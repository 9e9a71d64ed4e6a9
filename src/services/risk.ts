/**
 * Structured risk: the server-side completion of a risk assessment (its answers checked against the
 * organisation's questions, the suggested level computed here and stored, an override's reason
 * required), and the current level per case for the case view, the list and the dashboard.
 * The current level itself is kept on the case by a trigger (migration 035).
 */
import { isAtLeast, suggestRiskLevel, type RiskAnswerInput } from '../domain/cases/risk';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { casesRepo } from '../storage/repositories/cases';
import { requireAccess } from './authorize';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { loadLists, type ListIndex } from './reference-lists';

const itemsOf = (lists: ListIndex, key: string) => lists.lists.find((l) => l.key === key)?.items ?? [];

/**
 * A structured assessment gets the level its answers suggest (whatever the client sent as
 * `suggestedLevel`); a chosen level that differs is an override and needs a reason. An assessment
 * without answers (the intake's, or the old one-field shape) is stored as given.
 */
export function completeRiskAssessment(data: Record<string, unknown>, lists: ListIndex): Record<string, unknown> {
  const { suggestedLevel: _ignored, ...rest } = data;
  const answers = rest.answers as RiskAnswerInput[] | undefined;
  if (!answers || answers.length === 0) {
    const { answers: _none, overrideReason: _reason, ...plain } = rest;
    return plain;
  }
  lists.check(
    'risk_questions',
    answers.map((a) => a.question),
    'answers',
  );
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (seen.has(a.question))
      throw errors.validation([
        { path: ['data', 'answers', String(i), 'question'], code: 'duplicate', message: 'Each question once' },
      ]);
    seen.add(a.question);
  });
  const suggestion = suggestRiskLevel(answers, itemsOf(lists, 'risk_questions'), itemsOf(lists, 'risk_levels'));
  const suggested = suggestion.level ?? String(rest.level);
  const overridden = rest.level !== suggested;
  const reason = typeof rest.overrideReason === 'string' ? rest.overrideReason.trim() : '';
  if (overridden && !reason)
    throw errors.validation([
      {
        path: ['data', 'overrideReason'],
        code: 'override_reason_required',
        message: `The suggested level is ${suggested}: give a reason to record another level`,
      },
    ]);
  const { overrideReason: _r, ...stored } = rest;
  return { ...stored, suggestedLevel: suggested, ...(overridden ? { overrideReason: reason } : {}) };
}

/** The levels at or above `high` in the organisation's order (high and critical by default). */
export function highRiskLevels(lists: ListIndex): string[] {
  const levels = itemsOf(lists, 'risk_levels');
  return levels.filter((l) => isAtLeast(levels, l.code, 'high')).map((l) => l.code);
}

/**
 * How many open cases of the organisation are at high risk or above (the dashboard's tile);
 * `mine` counts only the actor's own cases. Codes and a count only: no personal data is read.
 */
export async function countHighRisk(ctx: AppContext, actor: Actor, opts: { mine?: boolean } = {}): Promise<number> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const lists = await loadLists(tx, actor.organisationId);
      return casesRepo.countAtRiskLevels(
        tx,
        actor.organisationId,
        highRiskLevels(lists),
        opts.mine ? actor.userId : undefined,
      );
    },
    READS_ONLY,
  );
}
