import { describe, expect, test } from 'vitest';
import { flatten, loadNamespace } from '../../i18n/resources';
import { defaultReferenceLists, findItem, ReferenceListSchema, type ListKey } from './index';

describe('seed reference lists', () => {
  test.each(defaultReferenceLists.map((l) => [l.key, l]))(
    '%s is valid, translated and has unique codes',
    (_key, referenceList) => {
      expect(ReferenceListSchema.parse(referenceList)).toEqual(referenceList);
      const codes = referenceList.items.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
    },
  );

  test('every list key the app uses exists exactly once', () => {
    const keys: ListKey[] = [
      'contact_provisions',
      'channels',
      'immediate_needs',
      'palermo_acts',
      'palermo_means',
      'palermo_purposes',
      'forms_of_exploitation',
      'methods_of_control',
      'recruiter_relationships',
      'risk_levels',
      'migration_statuses',
      'chosen_terms',
      'services',
      'accommodation_types',
      'programme_types',
      'closure_reasons',
      'pause_reasons',
      'consent_purposes',
      'testimony_modes',
      'permit_types',
      'proceeding_stages',
      'reflection_periods',
      'risk_questions',
      'child_protection_requirements',
      'outcome_event_kinds',
      'circumstance_kinds',
      'legal_event_types',
      'document_types',
      'organisation_types',
      'target_groups',
      'education_levels',
      'economic_sectors',
      'contract_types',
    ];
    expect(defaultReferenceLists.map((l) => l.key).sort()).toEqual([...keys].sort());
  });

  test('the identification channels of the domain reference are all present', () => {
    const channels = defaultReferenceLists.find((l) => l.key === 'channels')!;
    for (const code of [
      'outreach_unit',
      'drop_in_centre',
      'hotline',
      'law_enforcement',
      'judiciary',
      'client',
      'partner',
      'friend_acquaintance',
      'self_referral',
      'health_service',
      'other',
    ]) {
      expect(findItem(channels, code), code).toBeDefined();
    }
  });

  test('labels are the lists namespace of locales/, complete in the shipped languages, and every entry there is a seeded item', () => {
    const lists = loadNamespace('lists');
    const seeded = new Set(defaultReferenceLists.flatMap((l) => l.items.map((i) => `${l.key}.${i.code}`)));
    expect([...flatten(lists.en!).keys()].sort()).toEqual([...seeded].sort());
    for (const l of defaultReferenceLists) {
      for (const item of l.items) {
        for (const language of ['en', 'fr', 'it', 'sk'])
          expect(item.label[language], `${language} ${l.key}.${item.code}`).toBe(
            flatten(lists[language]!).get(`${l.key}.${item.code}`),
          );
      }
    }
    expect(
      findItem(
        defaultReferenceLists.find((l) => l.key === 'risk_levels')!,
        'low',
      )!.label,
    ).toMatchObject({ en: 'Low', fr: 'Faible' });
  });
});
