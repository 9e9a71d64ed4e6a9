/**
 * Clearly fictional demo data: three organisations in one network, a user for
 * every role in each, and a multi-organisation administrator. Directory contact
 * details are plainly invented: 555-01xx numbers and example.org addresses.
 */
import { ROLES, type Role } from '../policies/roles';
import { organisationsRepo } from '../storage/repositories/organisations';
import { usersRepo } from '../storage/repositories/users';
import type { AppContext } from './context';
import { seedDemoCases, type DemoStaff } from './demo-cases';
import { setLinkageSecret } from './linkage';
import { setStaffRoles } from './catalogue';
import { createNetwork } from './networks';
import { updateOwnEntry } from './directory';
import { seedDemoEmployers } from './demo-labour';
import { seedDemoContacts } from './demo-contacts';
import { createOrganisation, createUserInOrganisation } from './organisations';
import { hashPassword } from '../security/passwords';

export const DEMO_PASSWORD = 'ariadne-demo-2026';

export const DEMO_ORGANISATIONS = [
  { slug: 'north', name: 'Demo Shelter North', country: 'IT', label: 'North' },
  { slug: 'south', name: 'Demo Outreach South', country: 'FR', label: 'South' },
  { slug: 'east', name: 'Demo Legal Aid East', country: 'SK', label: 'East' },
] as const;

const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin',
  case_owner: 'Case Owner',
  caseworker: 'Caseworker',
  legal_advisor: 'Legal Advisor',
  mediator: 'Mediator',
  coordinator: 'Coordinator',
  auditor: 'Auditor',
};

export interface DemoCredential {
  email: string;
  organisation: string;
  roles: Role[];
}

/** A seeded demo user (by email), who must exist. */
async function demoUser(ctx: AppContext, email: string): Promise<{ id: string }> {
  const user = await usersRepo.findForLogin(ctx.db.system, email);
  if (!user) throw new Error(`Demo user ${email} is missing`);
  return { id: user.id };
}

/** Seeds once; returns undefined when demo data is already present. */
export async function seedDemo(
  ctx: AppContext,
  options: { cases?: number; onProgress?: (done: number) => void } = {},
): Promise<{ password: string; users: DemoCredential[]; cases: number } | undefined> {
  if (await organisationsRepo.findBySlug(ctx.db.system, DEMO_ORGANISATIONS[0].slug)) return undefined;
  const users: DemoCredential[] = [];
  // One Argon2id hash for every demo account (they share the password): 22 hashes cost seconds per seed.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const org of DEMO_ORGANISATIONS) {
    await createOrganisation(ctx, { slug: org.slug, name: org.name, country: org.country });
    for (const role of ROLES) {
      const email = `${role}@${org.slug}.demo.test`;
      await createUserInOrganisation(ctx, {
        organisationSlug: org.slug,
        email,
        displayName: `Demo ${ROLE_LABEL[role]} ${org.label}`,
        password: DEMO_PASSWORD,
        passwordHash,
        roles: [role],
      });
      users.push({ email, organisation: org.name, roles: [role] });
    }
  }
  for (const org of DEMO_ORGANISATIONS) {
    await createUserInOrganisation(ctx, {
      organisationSlug: org.slug,
      email: 'network.admin@demo.test',
      displayName: 'Demo Network Admin',
      password: DEMO_PASSWORD,
      passwordHash,
      roles: ['admin'],
    });
  }
  users.push({
    email: 'network.admin@demo.test',
    organisation: DEMO_ORGANISATIONS.map((o) => o.name).join(', '),
    roles: ['admin'],
  });
  const orgIds = [];
  for (const org of DEMO_ORGANISATIONS) orgIds.push((await organisationsRepo.findBySlug(ctx.db.system, org.slug))!.id);
  await createNetwork(ctx, {
    name: 'Demo Anti-Trafficking Network',
    formal: true,
    level: 'regional',
    structure: 'lead_and_partners',
    members: orgIds.map((organisationId, i) => ({ organisationId, lead: i === 0 })),
  });
  const entries = [
    {
      organisationType: 'ngo',
      territory: 'Demo Region North',
      contactRoute: 'Duty phone +39 06 5550 0142 (Mon–Fri 8–18) · referrals@north-shelter.example.org',
      services: ['accommodation', 'psychological_counselling', 'social_counselling', 'health_checkup'],
      languages: ['it', 'en', 'ro'],
      shelterPlacesTotal: 12,
      shelterPlacesFree: 0,
    },
    {
      organisationType: 'ngo',
      territory: 'Demo Region South',
      contactRoute: 'Outreach line +33 1 55 50 01 27 (every day 9–21) · contact@south-outreach.example.org',
      services: ['social_counselling', 'interpretation_mediation', 'vocational_guidance', 'language_course'],
      languages: ['fr', 'en', 'pcm'],
      shelterPlacesTotal: null,
      shelterPlacesFree: null,
    },
    {
      organisationType: 'advocacy_group',
      territory: 'Demo Region East',
      contactRoute: 'Legal desk +421 2 555 01 63 (Tue and Thu 9–15) · pravna-pomoc@east-legal.example.org',
      services: ['legal_counselling', 'accompaniment_police_court', 'return_assistance'],
      languages: ['sk', 'en', 'uk'],
      shelterPlacesTotal: null,
      shelterPlacesFree: null,
    },
  ] as const;
  for (const [i, organisationId] of orgIds.entries()) {
    const admin = await demoUser(ctx, `admin@${DEMO_ORGANISATIONS[i].slug}.demo.test`);
    const e = entries[i];
    await updateOwnEntry(
      ctx,
      { userId: admin.id, organisationId, roles: ['admin'] },
      {
        organisationType: e.organisationType,
        territoryLevel: 'nuts2',
        territory: e.territory,
        languages: [...e.languages],
        services: [...e.services],
        targetGroups: ['women', 'minors', 'sexual', 'forced_labour'],
        shelterPlacesTotal: e.shelterPlacesTotal,
        shelterPlacesFree: e.shelterPlacesFree,
        contactRoute: e.contactRoute,
      },
    );
  }
  await mapDemoStaffToRoles(ctx, orgIds);
  // Two fictional employers of Demo Shelter North, one shared with the network (issue #19).
  await seedDemoEmployers(ctx, orgIds[0]!, (await demoUser(ctx, 'admin@north.demo.test')).id);
  // Fictional contacts before cases (issue #18): chains under "Demo …" nicknames, a hand-off to South, one became a case.
  await seedDemoContacts(
    ctx,
    { organisationId: orgIds[0]!, caseworkerId: (await demoUser(ctx, 'caseworker@north.demo.test')).id },
    orgIds[1]!,
  );
  // A fictional network secret, so `ariadne link` works on the demo data out of the box.
  for (const org of DEMO_ORGANISATIONS) {
    const row = await organisationsRepo.findBySlug(ctx.db.system, org.slug);
    await setLinkageSecret(ctx, row!.id, 'demo-network-linkage-secret-not-for-production');
  }
  const cases = options.cases ? await seedDemoCases(ctx, await demoStaff(ctx), options.cases, options.onProgress) : 0;
  return { password: DEMO_PASSWORD, users, cases };
}

/** Demo staff hold roles and profiles of the EX-CHANGE catalogue, so the roles page and network coverage show something. */
const DEMO_PROFESSIONAL_ROLES: Partial<Record<Role, { roles: string[]; profiles: string[] }>> = {
  case_owner: { roles: ['programme_delegate'], profiles: ['social_worker'] },
  caseworker: { roles: ['drop_in_operator', 'residential_shelter_operator'], profiles: ['welfare_case_worker'] },
  legal_advisor: { roles: ['legal_advisor'], profiles: ['lawyer'] },
  mediator: { roles: ['cultural_mediator'], profiles: ['intercultural_mediator'] },
};

async function mapDemoStaffToRoles(ctx: AppContext, orgIds: string[]): Promise<void> {
  for (const [i, organisationId] of orgIds.entries()) {
    const slug = DEMO_ORGANISATIONS[i].slug;
    const admin = await demoUser(ctx, `admin@${slug}.demo.test`);
    for (const [role, held] of Object.entries(DEMO_PROFESSIONAL_ROLES)) {
      const user = await demoUser(ctx, `${role}@${slug}.demo.test`);
      await setStaffRoles(ctx, { userId: admin.id, organisationId, roles: ['admin'] }, user.id, held);
    }
  }
}

/** The case-carrying staff of each demo organisation. */
async function demoStaff(ctx: AppContext): Promise<DemoStaff[]> {
  const staff: DemoStaff[] = [];
  for (const org of DEMO_ORGANISATIONS) {
    const row = await organisationsRepo.findBySlug(ctx.db.system, org.slug);
    const owners = [];
    for (const role of ['case_owner', 'caseworker'] as const) {
      const user = await demoUser(ctx, `${role}@${org.slug}.demo.test`);
      owners.push({ userId: user.id, roles: [role] as Role[] });
    }
    staff.push({ organisationId: row!.id, country: org.country, owners });
  }
  return staff;
}
