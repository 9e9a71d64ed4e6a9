/**
 * Annex 2 question bank, part 2 (001:7020–7180): her current economic
 * situation (perceived need versus current status), social state of being,
 * physical and mental state, beliefs/agency/coping, and the future.
 * Status answers (e.g. unemployed) are never scored: only whether the
 * situation meets her own perceived need is. Disclosure of her past is
 * recorded but never scored — it is her decision alone.
 */
import type { Labels } from './model';
import { T, Tf, opt, q, section, type Question, type Section } from './instrument-schema';

type Area = 'employment' | 'accommodation' | 'finances';

function economicArea(area: Area, label: Labels, statuses: [string, Labels][], informs: string[]): Question[] {
  return [
    q(`${area}_perceived_need`, 'text', Tf('instrument_current.area_questions.perceived_need', { area: label }), {
      pair: { area, role: 'perceived_need' },
    }),
    q(`${area}_current_status`, 'choice', Tf('instrument_current.area_questions.current_status', { area: label }), {
      pair: { area, role: 'current_status' },
      options: statuses.map(([code, l]) => opt(code, l)),
    }),
    q(`${area}_need_met`, 'scale', Tf('instrument_current.area_questions.need_met', { area: label }), {
      required: true,
      informs,
      pair: { area, role: 'need_met' },
    }),
  ];
}

export const ECONOMIC_SITUATION: Section = section(
  'economic_situation',
  T('instrument_current.economic_situation.label'),
  [
    ...economicArea(
      'employment',
      T('instrument_current.economic_situation.0.employment.label'),
      [
        ['employed', T('instrument_current.economic_situation.0.employment.0.1')],
        ['studying', T('instrument_current.economic_situation.0.employment.1')],
        ['not_employed', T('instrument_current.economic_situation.0.employment.2.1')],
        ['caring', T('instrument_current.economic_situation.0.employment.3.1')],
      ],
      ['financial_stability'],
    ),
    ...economicArea(
      'accommodation',
      T('instrument_current.economic_situation.1.accommodation.label'),
      [
        ['shelter', T('instrument_current.economic_situation.1.accommodation.0.1')],
        ['own', T('instrument_current.economic_situation.1.accommodation.1')],
        ['with_family_or_partner', T('instrument_current.economic_situation.1.accommodation.2.1')],
        ['institution', T('instrument_current.economic_situation.1.accommodation.3.1')],
        ['no_stable_place', T('instrument_current.economic_situation.1.accommodation.4.1')],
      ],
      ['place_to_live'],
    ),
    ...economicArea(
      'finances',
      T('instrument_current.economic_situation.2.finances.label'),
      [
        ['own_income', T('instrument_current.economic_situation.2.finances.0.1')],
        ['supported_by_family_or_partner', T('instrument_current.economic_situation.2.finances.1')],
        ['benefits', T('instrument_current.economic_situation.2.finances.2.1')],
        ['no_income', T('instrument_current.economic_situation.2.finances.3.1')],
      ],
      ['financial_stability'],
    ),
    q(
      'economic_stability_meaning',
      'text',
      T('instrument_current.economic_situation.economic_stability_meaning.label'),
    ),
  ],
);

type Group = { code: string; label: Labels; informs: string[] };
const GROUPS: Group[] = [
  {
    code: 'family_of_origin',
    label: T('instrument_current.groups.family_of_origin.label'),
    informs: ['family_reconciliation'],
  },
  {
    code: 'own_family',
    label: T('instrument_current.groups.own_family.label'),
    informs: ['new_family', 'safe_attachment'],
  },
  {
    code: 'friends',
    label: T('instrument_current.groups.friends.label'),
    informs: ['friends_community', 'safe_attachment'],
  },
  { code: 'community', label: T('instrument_current.groups.community.label'), informs: ['friends_community'] },
  { code: 'religious', label: T('instrument_current.groups.religious.label'), informs: ['religious_community'] },
];

const FREQUENCY = [
  opt('daily', T('instrument_current.frequency.daily.label')),
  opt('weekly', T('instrument_current.frequency.weekly.label')),
  opt('monthly', T('instrument_current.frequency.monthly.label')),
  opt('rarely', T('instrument_current.frequency.rarely.label')),
  opt('never', T('instrument_current.frequency.never.label')),
];
const AWARENESS = [
  opt('all', T('instrument_current.awareness.all.label')),
  opt('some', T('instrument_current.awareness.some.label')),
  opt('none', T('instrument_current.awareness.none.label')),
  opt('not_sure', T('instrument_current.awareness.not_sure.label')),
];

/** Contact, frequency, whether it meets her needs, awareness of her past, stigma — per group. */
function socialGroup({ code, label, informs }: Group): Question[] {
  const t = (key: string) => Tf(`instrument_current.group_questions.${key}`, { group: label });
  return [
    q(`${code}_contact`, 'boolean', t('contact')),
    q(`${code}_frequency`, 'choice', t('frequency'), { options: FREQUENCY }),
    q(`${code}_meets_needs`, 'scale', t('meets_needs'), { informs }),
    q(`${code}_aware_of_past`, 'choice', t('aware_of_past'), { options: AWARENESS }),
    // Stigma lowers acceptance; its absence alone does not prove acceptance.
    q(`${code}_stigma`, 'boolean', t('stigma'), {
      informs: informs.filter((e) => e !== 'safe_attachment'),
      scoreIfTrue: 1,
      scoreIfFalse: null,
    }),
  ];
}

export const SOCIAL_STATE: Section = section('social_state', T('instrument_current.social_state.label'), [
  ...GROUPS.flatMap(socialGroup),
  q('social_inclusion_meaning', 'text', T('instrument_current.social_state.social_inclusion_meaning.label')),
]);

const inverse = (informs: string[]) => ({ informs, inverse: true, required: true });

export const PHYSICAL_MENTAL: Section = section('physical_mental', T('instrument_current.physical_mental.label'), [
  q('physical_health', 'scale', T('instrument_current.physical_mental.physical_health.label'), {
    required: true,
    informs: ['physical_recovery'],
  }),
  q('permanent_consequences', 'boolean', T('instrument_current.physical_mental.permanent_consequences.label'), {
    caseworkerMayAnswer: true,
  }),
  q('anxiety_fear', 'scale', T('instrument_current.physical_mental.anxiety_fear.label'), inverse(['ptss_recovery'])),
  q('depression', 'scale', T('instrument_current.physical_mental.depression.label'), inverse(['self_esteem_cohesion'])),
  q('ptsd_symptoms', 'scale', T('instrument_current.physical_mental.ptsd_symptoms.label'), inverse(['ptss_recovery'])),
  q('eating_disorder', 'boolean', T('instrument_current.physical_mental.eating_disorder.label'), {
    informs: ['physical_recovery'],
    scoreIfTrue: 1,
    scoreIfFalse: null,
  }),
  q('substance_use', 'choice', T('instrument_current.physical_mental.substance_use.label'), {
    options: [
      opt('none', T('instrument_current.physical_mental.substance_use.options.none.label')),
      opt('alcohol', T('instrument_current.physical_mental.substance_use.options.alcohol.label')),
      opt('drugs', T('instrument_current.physical_mental.substance_use.options.drugs.label')),
      opt('prefers_not_to_say', T('instrument_current.physical_mental.substance_use.options.prefers_not_to_say.label')),
    ],
  }),
  q('memories_under_control', 'scale', T('instrument_current.physical_mental.memories_under_control.label'), {
    informs: ['authority_over_remembering'],
  }),
]);

export const BELIEFS_AGENCY: Section = section('beliefs_agency', T('instrument_current.beliefs_agency.label'), [
  q('in_control_of_life', 'scale', T('instrument_current.beliefs_agency.in_control_of_life.label'), {
    required: true,
    informs: ['self_esteem_cohesion'],
  }),
  q('happy_with_life', 'scale', T('instrument_current.beliefs_agency.happy_with_life.label'), {
    informs: ['self_esteem_cohesion'],
  }),
  q('attitude_changed', 'text', T('instrument_current.beliefs_agency.attitude_changed.label'), {
    informs: ['meaning_making'],
  }),
  q('hope', 'scale', T('instrument_current.beliefs_agency.hope.label'), { informs: ['meaning_making'] }),
  q('coping_style', 'choice', T('instrument_current.beliefs_agency.coping_style.label'), {
    caseworkerMayAnswer: true,
    options: [
      opt('approach', T('instrument_current.beliefs_agency.coping_style.options.approach.label')),
      opt('avoidance', T('instrument_current.beliefs_agency.coping_style.options.avoidance.label')),
      opt('mixed', T('instrument_current.beliefs_agency.coping_style.options.mixed.label')),
    ],
  }),
  q('fears', 'text', T('instrument_current.beliefs_agency.fears.label')),
  q('motivation', 'text', T('instrument_current.beliefs_agency.motivation.label')),
]);

export const FUTURE: Section = section('future', T('instrument_current.future.label'), [
  q('thinks_about_future', 'boolean', T('instrument_current.future.thinks_about_future.label'), {
    required: true,
    informs: ['meaning_making'],
    scoreIfTrue: 3,
    scoreIfFalse: 1,
  }),
  q('goals', 'text', T('instrument_current.future.goals.label')),
  q('wellbeing_importance', 'text', T('instrument_current.future.wellbeing_importance.label')),
  q('reintegration_meaning', 'text', T('instrument_current.future.reintegration_meaning.label')),
  q('questionnaire_feedback', 'text', T('instrument_current.future.questionnaire_feedback.label')),
]);
