/**
 * The shipped legal tracks (domain reference §4), each rule with its source line in
 * ../shared/seeds (004 = the EQUAL handbook, 001 = the thesis). An organisation starts from
 * these and its administrator edits them; labels come from locales/<language>/legalTracks.json.
 *
 * End dates: only France's counting is stated (a time limit runs from the day after the event and
 * its last day counts, so 30 days from 1 March end on 31 March: endInclusive). The seeds say
 * nothing of the others; they keep the same counting, which is how every end date was computed
 * before tracks were data, so records made then still agree.
 */
import { labelsFor } from '../../i18n/resources';
import type { LegalTrack, StepExtension, TrackStep } from './model';

const label = (key: string) => labelsFor('legalTracks', key);
const step = (country: string, s: Omit<TrackStep, 'label'>): TrackStep => ({
  ...s,
  label: label(`${country}.steps.${s.code}`),
});

const art13Extension: StepExtension = {
  amount: 3,
  unit: 'months',
  maxCount: 1,
  decideDaysBefore: 14,
  source: '004:467',
};

export const ITALY: LegalTrack = {
  country: 'IT',
  label: label('IT.label'),
  steps: [
    // "a three months programme that, when applicable, may be extended for a further three months" (004:467);
    // afterwards "the victims can continue to be helped under the Article 18 programme" (004:468–469).
    step('IT', {
      code: 'art13',
      kind: 'programme',
      startedBy: ['programme_start', 'reflection_period'],
      duration: { unit: 'months', fixed: 3 },
      endInclusive: true,
      extension: art13Extension,
      leadsTo: ['art18'],
      source: '004:464–469',
    }),
    // Two paths to the Art. 18 permit (004:541–549); renewable (004:563), so each renewal is an
    // extension whose event records the new end. No length is stated: the permit's own date counts.
    step('IT', {
      code: 'art18',
      kind: 'permit',
      startedBy: ['permit_decision'],
      permitType: 'it_art18',
      endInclusive: true,
      paths: [
        { code: 'judicial', source: '004:543–545' },
        { code: 'social', requiresStatementBy: true, source: '004:547–549' },
      ],
      extension: { maxCount: null, decideDaysBefore: 60, source: '004:563' },
      source: '004:533–563',
    }),
  ],
};

export const FRANCE: LegalTrack = {
  country: 'FR',
  label: label('FR.label'),
  steps: [
    // "a reflection period of 30 days" (004:299).
    step('FR', {
      code: 'reflection',
      kind: 'reflection_period',
      startedBy: ['reflection_period'],
      duration: { unit: 'days', fixed: 30 },
      endInclusive: true,
      leadsTo: ['l316_1'],
      source: '004:299',
    }),
    // A temporary permit for those who "lodge a complaint … or who give evidence" (004:281–283),
    // "for a minimum duration of 6 months" (004:289).
    step('FR', {
      code: 'l316_1',
      kind: 'permit',
      startedBy: ['permit_decision'],
      permitType: 'fr_l316_1',
      duration: { unit: 'months', min: 6 },
      endInclusive: true,
      requiresAnyOf: ['complaint', 'statement', 'hearing'],
      source: '004:281–289',
    }),
  ],
};

export const SLOVAKIA: LegalTrack = {
  country: 'SK',
  label: label('SK.label'),
  steps: [
    // "a tolerated stay permit for the period of 40 days" (004:740–741), the Slovak reflection period;
    // "may be extended repeatedly" once she takes part in the proceedings (004:742–743), "will not be
    // extended if … [she] has renewed his/her contact with the suspects" (004:744–745).
    step('SK', {
      code: 'tolerated_stay',
      kind: 'tolerated_stay',
      startedBy: ['tolerated_stay', 'reflection_period'],
      permitType: 'sk_tolerated_stay',
      duration: { unit: 'days', fixed: 40 },
      endInclusive: true,
      extension: {
        maxCount: null,
        requiresAnyOf: ['complaint', 'statement', 'proceeding', 'hearing'],
        refusedAfter: ['contact_with_suspects_renewed'],
        decideDaysBefore: 10,
        source: '004:742–745',
      },
      source: '004:739–745',
    }),
  ],
};

export const NETHERLANDS: LegalTrack = {
  country: 'NL',
  label: label('NL.label'),
  steps: [
    // "a 'reflection period' of up to 3 months" (001:5096–5097): a shorter end is hers to record.
    step('NL', {
      code: 'reflection',
      kind: 'reflection_period',
      startedBy: ['reflection_period'],
      duration: { unit: 'months', max: 3 },
      endInclusive: true,
      source: '001:5096–5097',
    }),
  ],
};

export const DEFAULT_TRACKS: readonly LegalTrack[] = [FRANCE, ITALY, NETHERLANDS, SLOVAKIA];
