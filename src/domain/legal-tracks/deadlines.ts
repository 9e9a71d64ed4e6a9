/**
 * Deadlines of a legal track's steps, from the recorded events: pure functions over ISO dates.
 * Each refusal is a DomainError naming the field, so the form shows it at the field.
 *
 * @example stepEnd('2026-03-01', { amount: 30, unit: 'days' }, true) // '2026-03-31' (France, 004:299)
 */
import { DomainError } from '../errors';
import { addDays, addMonths, daysBetween } from '../cases/dates';
import { endFieldOf, type DurationUnit, type TrackStep } from './model';

/** The last day of a step of this length started on `start` (see TrackStep.endInclusive). */
export function stepEnd(start: string, length: { amount: number; unit: DurationUnit }, endInclusive: boolean): string {
  const anniversary = length.unit === 'days' ? addDays(start, length.amount) : addMonths(start, length.amount);
  return endInclusive ? anniversary : addDays(anniversary, -1);
}

/** The earliest and latest end a step allows, and the end it gets when none is recorded. */
export function endBounds(
  step: TrackStep,
  start: string,
): { earliest?: string; latest?: string; computed?: string; fixed: boolean } {
  const d = step.duration;
  if (!d) return { fixed: false };
  const at = (amount: number) => stepEnd(start, { amount, unit: d.unit }, step.endInclusive);
  if (d.fixed !== undefined) {
    const end = at(d.fixed);
    return { earliest: end, latest: end, computed: end, fixed: true };
  }
  const earliest = d.min !== undefined ? at(d.min) : undefined;
  const latest = d.max !== undefined ? at(d.max) : undefined;
  return { earliest, latest, computed: latest ?? earliest, fixed: false };
}

/**
 * The end a step's event keeps: the recorded one when the rule allows it (Netherlands: a shorter
 * end within "up to 3 months" is hers, 001:5096–5097), else the computed one; an end outside the
 * rule's range is refused, never silently replaced.
 */
export function resolveEnd(
  step: TrackStep,
  start: string,
  recorded: string | undefined,
  eventType: string,
): string | undefined {
  const field = endFieldOf(eventType);
  const { earliest, latest, computed, fixed } = endBounds(step, start);
  if (recorded === undefined) return computed;
  if (fixed && recorded !== computed)
    throw new DomainError('step_end_fixed', `This step ends on ${computed}; its length is fixed`, {
      field,
      values: [computed],
    });
  if (latest && daysBetween(latest, recorded) > 0)
    throw new DomainError('step_end_too_late', `This step ends on ${latest} at the latest`, {
      field,
      values: [latest],
    });
  if (earliest && daysBetween(recorded, earliest) > 0)
    throw new DomainError('step_end_too_early', `This step ends on ${earliest} at the earliest`, {
      field,
      values: [earliest],
    });
  if (daysBetween(start, recorded) < 0)
    throw new DomainError('invalid_date_range', 'The end date is before the start date', { field });
  return recorded;
}

/** A legal event of the case as the rules read it. */
export interface RecordedEvent {
  type: string;
  date: string;
}

/** The step's event must be linked to a recorded event of a required type (France L.316-1, 004:281–289). */
export function checkBasis(step: TrackStep, basis: RecordedEvent | undefined): void {
  if (!step.requiresAnyOf?.length) return;
  if (!basis || !step.requiresAnyOf.includes(basis.type))
    throw new DomainError('step_requires_event', 'This step must be linked to one of the events it requires', {
      field: 'basedOn',
      values: step.requiresAnyOf,
    });
}

/** A step with paths takes exactly one, and the social path says who gave the statement (004:547–549). */
export function checkPath(step: TrackStep, event: { path?: string; statementBy?: string }): void {
  if (!step.paths?.length) {
    if (event.statementBy)
      throw new DomainError('statement_by_without_path', 'Only a path records who gave the statement', {
        field: 'statementBy',
      });
    return;
  }
  const path = step.paths.find((p) => p.code === event.path);
  if (!path)
    throw new DomainError('step_path_required', 'Choose the path', {
      field: 'path',
      values: step.paths.map((p) => p.code),
    });
  if (path.requiresStatementBy && !event.statementBy?.trim())
    throw new DomainError('statement_by_required', 'Say who gave the statement on her behalf', {
      field: 'statementBy',
    });
  if (!path.requiresStatementBy && event.statementBy)
    throw new DomainError('statement_by_without_path', 'Only the social path records who gave the statement', {
      field: 'statementBy',
    });
}

export interface ExtensionResult {
  /** The step's new last day. */
  endDate: string;
  /** The extension's number (1 for the first). */
  count: number;
  /** When another extension must be decided, if one can still be granted. */
  extensionDecisionBy?: string;
}

/** When the next extension must be decided, if the step can still be extended after `count` of them. */
export function decisionDue(step: TrackStep, end: string, count: number): string | undefined {
  const ext = step.extension;
  if (!ext || (ext.maxCount !== null && count >= ext.maxCount)) return undefined;
  return addDays(end, -ext.decideDaysBefore);
}

/**
 * One more extension of a step: granted when the rule has one left, its required events are
 * recorded and none of its refusing events is (Slovakia: after renewed contact with the suspects
 * the tolerated stay is not extended, 004:744–745). It runs on from the step's current end.
 *
 * @example extend(art13, { date: '2026-01-01', end: '2026-04-01' }, [], [], { date: '2026-03-20' }) // { endDate: '2026-07-01', count: 1 }
 */
export function extend(
  step: TrackStep,
  started: { date: string; end: string },
  prior: { endDate: string }[],
  history: RecordedEvent[],
  extension: { date: string; endDate?: string },
): ExtensionResult {
  const ext = step.extension;
  if (!ext) throw new DomainError('extension_not_allowed', 'This step cannot be extended', { field: 'extends' });
  const count = prior.length + 1;
  if (ext.maxCount !== null && count > ext.maxCount)
    throw new DomainError('extension_limit', `This step can be extended ${ext.maxCount} time(s)`, {
      field: 'extends',
      maximum: ext.maxCount,
    });
  const current = prior.reduce((end, p) => (p.endDate > end ? p.endDate : end), started.end);
  if (daysBetween(started.date, extension.date) < 0 || daysBetween(current, extension.date) > 0)
    throw new DomainError('extension_outside_step', 'An extension is granted while the step runs', { field: 'date' });
  const before = history.filter((e) => daysBetween(e.date, extension.date) >= 0);
  const refusing = ext.refusedAfter?.find((type) => before.some((e) => e.type === type));
  if (refusing)
    throw new DomainError('extension_refused', `Not extended: an event "${refusing}" is recorded`, {
      field: 'extends',
      values: [refusing],
    });
  if (ext.requiresAnyOf?.length && !before.some((e) => ext.requiresAnyOf!.includes(e.type)))
    throw new DomainError('extension_requires_event', 'An extension needs one of its required events recorded first', {
      field: 'extends',
      values: ext.requiresAnyOf,
    });
  let endDate: string;
  if (ext.amount !== undefined) {
    endDate = ext.unit === 'days' ? addDays(current, ext.amount) : addMonths(current, ext.amount);
    if (extension.endDate !== undefined && extension.endDate !== endDate)
      throw new DomainError('step_end_fixed', `The extension ends on ${endDate}; its length is fixed`, {
        field: 'endDate',
        values: [endDate],
      });
  } else {
    if (!extension.endDate)
      throw new DomainError('extension_end_required', 'Enter the date the extension ends', { field: 'endDate' });
    if (daysBetween(current, extension.endDate) <= 0)
      throw new DomainError('step_end_too_early', `The extension ends after ${current}`, {
        field: 'endDate',
        values: [current],
      });
    endDate = extension.endDate;
  }
  return { endDate, count, extensionDecisionBy: decisionDue(step, endDate, count) };
}
