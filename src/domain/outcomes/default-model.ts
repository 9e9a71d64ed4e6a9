/**
 * Seed data of the outcome model: the four dimensions and fifteen elements of
 * (re)integration (001:3270–3297, 6268–6311; friends, community and religious
 * community added from the interview guide, 001:7080–7130), with per-dimension
 * anchors for the 0–4 scale. Plain data: model.ts validates it.
 */
import type { Labels } from './model';
import { labelsFor } from '../../i18n/resources';

type Anchor = { score: number; label: Labels; description: Labels };
/** A text of locales/<language>/outcomes.json in every language that has it. */
const T = (key: string): Labels => labelsFor('outcomes', key) as Labels;

const LEVEL_LABELS: Labels[] = [
  T('default_model.level_labels.0'),
  T('default_model.level_labels.1'),
  T('default_model.level_labels.2'),
  T('default_model.level_labels.3'),
  T('default_model.level_labels.4'),
];

const anchors = (descriptions: Labels[]): Anchor[] =>
  descriptions.map((description, score) => ({ score, label: LEVEL_LABELS[score], description }));

const RECOVERY = anchors([
  T('default_model.recovery.0'),
  T('default_model.recovery.1'),
  T('default_model.recovery.2'),
  T('default_model.recovery.3'),
  T('default_model.recovery.4'),
]);

const ECONOMIC = anchors([
  T('default_model.economic.0'),
  T('default_model.economic.1'),
  T('default_model.economic.2'),
  T('default_model.economic.3'),
  T('default_model.economic.4'),
]);

const INSTITUTIONAL = anchors([
  T('default_model.institutional.0'),
  T('default_model.institutional.1'),
  T('default_model.institutional.2'),
  T('default_model.institutional.3'),
  T('default_model.institutional.4'),
]);

const SOCIAL = anchors([
  T('default_model.social.0'),
  T('default_model.social.1'),
  T('default_model.social.2'),
  T('default_model.social.3'),
  T('default_model.social.4'),
]);

const el = (
  code: string,
  dimension: string,
  subdimension: string | null,
  priority: number,
  label: Labels,
  judgedFrom?: 'own_view' | 'others_acceptance',
) => ({ code, dimension, subdimension, priority, label, ...(judgedFrom ? { judgedFrom } : {}) });

/** Unvalidated input of the default model; parse with `parseOutcomeModel`. */
export const DEFAULT_OUTCOME_MODEL_INPUT = {
  version: '2025-001',
  scale: { min: 0, max: 4 },
  dimensions: [
    {
      code: 'recovery',
      label: T('default_model.default_outcome_model_input.dimensions.recovery.label'),
      anchors: RECOVERY,
    },
    {
      code: 'economic',
      label: T('default_model.default_outcome_model_input.dimensions.economic.label'),
      anchors: ECONOMIC,
    },
    {
      code: 'institutional',
      label: T('default_model.default_outcome_model_input.dimensions.institutional.label'),
      anchors: INSTITUTIONAL,
    },
    { code: 'social', label: T('default_model.default_outcome_model_input.dimensions.social.label'), anchors: SOCIAL },
  ],
  elements: [
    el(
      'authority_over_remembering',
      'recovery',
      'psychological_individual',
      1,
      T('default_model.default_outcome_model_input.elements.authority_over_remembering.label'),
    ),
    el(
      'self_esteem_cohesion',
      'recovery',
      'psychological_individual',
      1,
      T('default_model.default_outcome_model_input.elements.self_esteem_cohesion.label'),
    ),
    el(
      'meaning_making',
      'recovery',
      'psychological_individual',
      1,
      T('default_model.default_outcome_model_input.elements.meaning_making.label'),
    ),
    el(
      'ptss_recovery',
      'recovery',
      'psychological_individual',
      1,
      T('default_model.default_outcome_model_input.elements.ptss_recovery.label'),
    ),
    el(
      'safe_attachment',
      'recovery',
      'psychological_social',
      1,
      T('default_model.default_outcome_model_input.elements.safe_attachment.label'),
      'own_view',
    ),
    el(
      'physical_recovery',
      'recovery',
      'physical',
      1,
      T('default_model.default_outcome_model_input.elements.physical_recovery.label'),
    ),
    el(
      'place_to_live',
      'economic',
      null,
      2,
      T('default_model.default_outcome_model_input.elements.place_to_live.label'),
    ),
    el(
      'financial_stability',
      'economic',
      null,
      2,
      T('default_model.default_outcome_model_input.elements.financial_stability.label'),
    ),
    el(
      'institutional_support',
      'institutional',
      null,
      2,
      T('default_model.default_outcome_model_input.elements.institutional_support.label'),
    ),
    el(
      'provider_peer_relationships',
      'institutional',
      null,
      2,
      T('default_model.default_outcome_model_input.elements.provider_peer_relationships.label'),
    ),
    el(
      'legal_empowerment',
      'institutional',
      null,
      2,
      T('default_model.default_outcome_model_input.elements.legal_empowerment.label'),
    ),
    el(
      'family_reconciliation',
      'social',
      'family',
      2,
      T('default_model.default_outcome_model_input.elements.family_reconciliation.label'),
      'others_acceptance',
    ),
    el(
      'new_family',
      'social',
      'family',
      2,
      T('default_model.default_outcome_model_input.elements.new_family.label'),
      'others_acceptance',
    ),
    el(
      'friends_community',
      'social',
      'community',
      2,
      T('default_model.default_outcome_model_input.elements.friends_community.label'),
      'others_acceptance',
    ),
    el(
      'religious_community',
      'social',
      'community',
      2,
      T('default_model.default_outcome_model_input.elements.religious_community.label'),
      'others_acceptance',
    ),
  ],
};
