import { describe, expect, test } from 'vitest';
import {
  checkProfile,
  checkRole,
  defaultCatalogue,
  localise,
  ROLE_CARD_FIELDS,
  RoleInputSchema,
  TAXONOMY_PROFILES,
  TAXONOMY_ROLES,
} from './catalogue';

describe('EX-CHANGE roles and profiles catalogue', () => {
  test('holds the 24 profiles and the Emergendo roles plus those other countries add, named in four languages', () => {
    expect(TAXONOMY_PROFILES).toHaveLength(24);
    expect(new Set(TAXONOMY_PROFILES.map((p) => p.code)).size).toBe(24);
    const roles = TAXONOMY_ROLES.map((r) => r.code);
    expect(new Set(roles).size).toBe(roles.length);
    for (const r of [
      'programme_delegate',
      'peer_educator',
      'threshold_operator',
      'counsellor',
      'referral_agent',
      'monitoring_guidance_operator',
      'daily_life_management_advisor',
      'programme_insertion_advisor',
    ])
      expect(roles).toContain(r);
    for (const entry of [...TAXONOMY_PROFILES, ...TAXONOMY_ROLES])
      for (const l of ['en', 'fr', 'it', 'sk']) expect(entry.labels[l], `${entry.code} in ${l}`).toBeTruthy();
  });

  test('role cards use only the seven fields and name only known profiles; peer educators need no profile', () => {
    const profiles = new Set(TAXONOMY_PROFILES.map((p) => p.code));
    for (const r of TAXONOMY_ROLES) {
      for (const field of Object.keys(r.card)) expect(ROLE_CARD_FIELDS).toContain(field);
      for (const p of r.profileCodes) expect(profiles.has(p), `${r.code} → ${p}`).toBe(true);
    }
    expect(TAXONOMY_ROLES.find((r) => r.code === 'peer_educator')!.profileCodes).toEqual([]);
    const described = TAXONOMY_ROLES.filter((r) => Object.keys(r.card).length === 7);
    expect(described.length).toBeGreaterThanOrEqual(8);
  });

  test('the seed copy maps every entry to itself', () => {
    const { profiles, roles } = defaultCatalogue();
    expect(profiles.every((p) => p.code === p.taxonomyCode)).toBe(true);
    expect(roles.every((r) => r.code === r.taxonomyCode && r.active)).toBe(true);
  });

  test('a local role must map to the shared taxonomy and name existing profiles', () => {
    const profiles = new Set(['social_worker']);
    const local = RoleInputSchema.parse({
      taxonomyCode: 'programme_delegate',
      labels: { it: 'Operatrice LIFEfriend' },
      profileCodes: ['social_worker'],
    });
    expect(() => checkRole(local, profiles)).not.toThrow();
    expect(() => checkRole({ ...local, taxonomyCode: 'astronaut' }, profiles)).toThrow(/shared taxonomy/);
    expect(() => checkRole({ ...local, profileCodes: ['wizard'] }, profiles)).toThrow(/wizard/);
    expect(() => checkProfile({ taxonomyCode: 'nurse', labels: { en: 'Nurse' }, active: true })).not.toThrow();
    expect(RoleInputSchema.safeParse({ taxonomyCode: 'lawyer', labels: {} }).success).toBe(false);
    expect(
      RoleInputSchema.safeParse({ taxonomyCode: 'lawyer', labels: { en: 'x' }, card: { hobbies: { en: 'x' } } })
        .success,
    ).toBe(false);
  });

  test('localise falls back to English and says so', () => {
    expect(localise({ en: 'Lawyer', fr: 'Avocat' }, 'fr')).toEqual({ text: 'Avocat', translated: true });
    expect(localise({ en: 'Lawyer' }, 'sk')).toEqual({ text: 'Lawyer', translated: false });
    expect(localise({ it: 'Avvocato' }, 'sk')).toEqual({ text: 'Avvocato', translated: false });
    expect(localise(undefined, 'en')).toBeNull();
  });
});
