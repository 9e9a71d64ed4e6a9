/**
 * A country's legal track as data (issue #17; domain reference §4): the steps a person may go
 * through (reflection period, programme, tolerated stay, permit), each with its duration, whether
 * its end date counts, its extensions and their conditions, the events it requires, its paths and
 * the steps it leads to. Plain types and constants, no zod and no Node, so the web computes the
 * same end dates as the server (src/domain/legal-tracks/deadlines.ts).
 */

/** What a step is; it decides which agenda item its end becomes. */
export const STEP_KINDS = ['reflection_period', 'programme', 'tolerated_stay', 'permit'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** The legal event type that starts a step of each kind by default (a step may list more). */
export const STEP_EVENT: Record<StepKind, string> = {
  reflection_period: 'reflection_period',
  programme: 'programme_start',
  tolerated_stay: 'tolerated_stay',
  permit: 'permit_decision',
};

export const DURATION_UNITS = ['days', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/**
 * How long a step lasts: a fixed length (the end is computed), or a range (a recorded end
 * between `min` and `max` is kept; without one, the end is `max`, else `min`). No length at all:
 * the recorded end is kept as it is (a permit valid until the date on it).
 */
export interface StepDuration {
  unit: DurationUnit;
  fixed?: number;
  min?: number;
  max?: number;
}

/** How a step is extended: by an `extension` legal event naming the step's event. */
export interface StepExtension {
  /** Each extension's length; none: the extension event records its new end (Slovakia). */
  amount?: number;
  unit?: DurationUnit;
  /** How many extensions at most; null: no limit ("repeatedly", 004:743). */
  maxCount: number | null;
  /** Events one of which must be recorded (on or before the extension) for it to be granted. */
  requiresAnyOf?: string[];
  /** Events after which it is not granted (Slovakia: renewed contact with the suspects, 004:744–745). */
  refusedAfter?: string[];
  /** The agenda asks for the decision this many days before the step ends. */
  decideDaysBefore: number;
  source: string;
}

/** A path to a step (Italy Art. 18: judicial or social, 004:541–549). */
export interface StepPath {
  code: string;
  /** The social path records who gave the statement: an accredited Art. 18 agency or the social services. */
  requiresStatementBy?: boolean;
  source: string;
}

export type Labels = { en: string } & Record<string, string>;

export interface TrackStep {
  code: string;
  label: Labels;
  kind: StepKind;
  /** The legal event types that start it (older records call Art. 13 and the SK tolerated stay a reflection period). */
  startedBy: string[];
  /** A permit step: the permit code its decision carries. */
  permitType?: string;
  duration?: StepDuration;
  /**
   * Whether the day `start + length` is itself still a day of the step. Stored end dates are
   * always the step's last day: inclusive, end = start + length (the start day does not count,
   * as French law counts time limits: 1 March + 30 days ends on 31 March); exclusive, the day before.
   */
  endInclusive: boolean;
  extension?: StepExtension;
  /** The step must be linked (`basedOn`) to a recorded event of one of these types (France L.316-1). */
  requiresAnyOf?: string[];
  paths?: StepPath[];
  /** The steps it can lead on to (Italy Art. 13 → Art. 18, 004:468–469). */
  leadsTo?: string[];
  /** Where the rule comes from in the domain reference's seeds (file:line). */
  source: string;
}

export interface LegalTrack {
  /** ISO 3166 alpha-2; one track per country and organisation. */
  country: string;
  label: Labels;
  steps: TrackStep[];
}

/** A track as the organisation stores it: its version and the definition it had from then on. */
export interface VersionedTrack {
  version: number;
  track: LegalTrack;
}

/** Which field of a legal event holds a step's end: a permit's validity, else the end date. */
export const endFieldOf = (eventType: string): 'validUntil' | 'endDate' =>
  eventType === 'permit_decision' ? 'validUntil' : 'endDate';

/** The step a legal event of this type (and permit code) starts, in a track; explicit `step` wins. */
export function stepFor(
  track: LegalTrack,
  event: { type: string; step?: string; permitType?: string },
): TrackStep | undefined {
  if (event.step) return track.steps.find((s) => s.code === event.step);
  return track.steps.find(
    (s) =>
      s.startedBy.includes(event.type) &&
      (event.type !== 'permit_decision' || (s.permitType !== undefined && s.permitType === event.permitType)),
  );
}
