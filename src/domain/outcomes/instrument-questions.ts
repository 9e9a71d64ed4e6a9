/**
 * Annex 2 question bank, part 1 (001:6870–7020): general information, life
 * before trafficking, the trafficking experience (never required, may be
 * answered by the caseworker), identification, the period after trafficking,
 * and participation in programmes. Past-focused questions inform no scores.
 */
import { T, YES_PARTLY_NO, opt, q, section, type Section } from './instrument-schema';

const cw = { caseworkerMayAnswer: true };

export const GENERAL_INFORMATION: Section = section(
  'general_information',
  T('instrument_questions.general_information.label'),
  [
    q('age', 'text', T('instrument_questions.general_information.age.label'), cw),
    q('residence', 'text', T('instrument_questions.general_information.residence.label')),
    q('education_profession', 'text', T('instrument_questions.general_information.education_profession.label')),
    q('children_partner', 'text', T('instrument_questions.general_information.children_partner.label')),
    q('time_since_services', 'text', T('instrument_questions.general_information.time_since_services.label'), cw),
  ],
);

export const BEFORE_TRAFFICKING: Section = section(
  'before_trafficking',
  T('instrument_questions.before_trafficking.label'),
  [
    q('before_accommodation', 'text', T('instrument_questions.before_trafficking.before_accommodation.label')),
    q('before_employment', 'text', T('instrument_questions.before_trafficking.before_employment.label')),
    q('before_family', 'text', T('instrument_questions.before_trafficking.before_family.label')),
    q('before_friends', 'text', T('instrument_questions.before_trafficking.before_friends.label')),
    q('before_community', 'text', T('instrument_questions.before_trafficking.before_community.label')),
    q('before_religion', 'boolean', T('instrument_questions.before_trafficking.before_religion.label')),
    q('before_abuse', 'boolean', T('instrument_questions.before_trafficking.before_abuse.label'), cw),
    q(
      'before_physical_health',
      'boolean',
      T('instrument_questions.before_trafficking.before_physical_health.label'),
      cw,
    ),
    q('before_mental_health', 'boolean', T('instrument_questions.before_trafficking.before_mental_health.label'), cw),
  ],
);

/** Every question optional and answerable by the caseworker: she is not asked to retell it. */
export const TRAFFICKING_EXPERIENCE: Section = section(
  'trafficking_experience',
  T('instrument_questions.trafficking_experience.label'),
  [
    q('trafficking_age', 'text', T('instrument_questions.trafficking_experience.trafficking_age.label'), cw),
    q(
      'trafficking_motivation',
      'text',
      T('instrument_questions.trafficking_experience.trafficking_motivation.label'),
      cw,
    ),
    q(
      'recruited_by_known_person',
      'boolean',
      T('instrument_questions.trafficking_experience.recruited_by_known_person.label'),
      cw,
    ),
    q('severity_type', 'choice', T('instrument_questions.trafficking_experience.severity_type.label'), {
      ...cw,
      options: [
        opt('type_1', T('instrument_questions.trafficking_experience.severity_type.options.type_1.label')),
        opt('type_2', T('instrument_questions.trafficking_experience.severity_type.options.type_2.label')),
        opt('type_3', T('instrument_questions.trafficking_experience.severity_type.options.type_3.label')),
        opt('unknown', T('instrument_questions.trafficking_experience.severity_type.options.unknown.label')),
      ],
    }),
    q('manner_of_exit', 'text', T('instrument_questions.trafficking_experience.manner_of_exit.label'), cw),
    q('what_got_her_through', 'text', T('instrument_questions.trafficking_experience.what_got_her_through.label'), cw),
    q(
      'contact_with_family_during',
      'boolean',
      T('instrument_questions.trafficking_experience.contact_with_family_during.label'),
      cw,
    ),
    q(
      'danger_of_re_trafficking',
      'boolean',
      T('instrument_questions.trafficking_experience.danger_of_re_trafficking.label'),
      cw,
    ),
  ],
  true,
);

export const IDENTIFICATION: Section = section('identification', T('instrument_questions.identification.label'), [
  q('how_identified', 'text', T('instrument_questions.identification.how_identified.label'), cw),
  q('realised_from_start', 'boolean', T('instrument_questions.identification.realised_from_start.label')),
  q('term_applies', 'choice', T('instrument_questions.identification.term_applies.label'), { options: YES_PARTLY_NO }),
]);

export const AFTER_TRAFFICKING: Section = section(
  'after_trafficking',
  T('instrument_questions.after_trafficking.label'),
  [
    q('greatest_help', 'text', T('instrument_questions.after_trafficking.greatest_help.label')),
    q('greatest_hindrance', 'text', T('instrument_questions.after_trafficking.greatest_hindrance.label')),
    q('stigma_after', 'boolean', T('instrument_questions.after_trafficking.stigma_after.label')),
    q('control_after', 'boolean', T('instrument_questions.after_trafficking.control_after.label')),
    q('safe_after', 'boolean', T('instrument_questions.after_trafficking.safe_after.label')),
    q('pressed_charges', 'choice', T('instrument_questions.after_trafficking.pressed_charges.label'), {
      options: [
        opt('yes', T('instrument_questions.after_trafficking.pressed_charges.options.yes.label')),
        opt('no', T('instrument_questions.after_trafficking.pressed_charges.options.no.label')),
        opt(
          'prefers_not_to_say',
          T('instrument_questions.after_trafficking.pressed_charges.options.prefers_not_to_say.label'),
        ),
      ],
    }),
  ],
);

export const PROGRAMMES: Section = section('programmes', T('instrument_questions.programmes.label'), [
  q('participated', 'boolean', T('instrument_questions.programmes.participated.label')),
  q('programme_conditions', 'text', T('instrument_questions.programmes.programme_conditions.label')),
  q('took_part_in_design', 'scale', T('instrument_questions.programmes.took_part_in_design.label'), {
    informs: ['institutional_support'],
  }),
  q('relationship_with_providers', 'scale', T('instrument_questions.programmes.relationship_with_providers.label'), {
    informs: ['provider_peer_relationships'],
  }),
  q('relationship_with_peers', 'scale', T('instrument_questions.programmes.relationship_with_peers.label'), {
    informs: ['provider_peer_relationships'],
  }),
  q('programme_satisfaction', 'scale', T('instrument_questions.programmes.programme_satisfaction.label'), {
    informs: ['institutional_support'],
  }),
  q('documents_obtained', 'choice', T('instrument_questions.programmes.documents_obtained.label'), {
    ...cw,
    informs: ['legal_empowerment'],
    options: [
      opt('all', T('instrument_questions.programmes.documents_obtained.options.all.label'), 4),
      opt('some', T('instrument_questions.programmes.documents_obtained.options.some.label'), 2),
      opt('none', T('instrument_questions.programmes.documents_obtained.options.none.label'), 0),
      opt('not_needed', T('instrument_questions.programmes.documents_obtained.options.not_needed.label'), null),
    ],
  }),
]);
