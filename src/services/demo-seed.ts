/**
 * Clearly fictional demo data: three organisations in one network, a user for
 * every role in each, and a multi-organisation administrator.
 */
import { ROLES, type Role } from '../policies/roles';
import { organisationsRepo } from '../storage/repositories/organisations';
import type { AppContext } from './context';
import { createOrganisation, createUserInOrganisation } from './organisations';

export const DEMO_PASSWORD = 'ariadne-demo-2026';

export const DEMO_ORGANISATIONS = [
  { slug: 'north', name: 'Demo Shelter North', country: 'IT', label: 'North' },
  { slug: 'south', name: 'Demo Outreach South', country: 'FR', label: 'South' },
  { slug: 'east', name: 'Demo Legal Aid East', country: 'SK', label: 'East' },
] as const;

const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin', case_owner: 'Case Owner', caseworker: 'Caseworker', legal_advisor: 'Legal Advisor',
  mediator: 'Mediator', coordinator: 'Coordinator', auditor: 'Auditor',
};

export interface DemoCredential {
  email: string;
  organisation: string;
  roles: Role[];
}

/** Seeds once; returns undefined when demo data is already present. */
export async function seedDemo(ctx: AppContext): Promise<{ password: string; users: DemoCredential[] } | undefined> {
  if (await organisationsRepo.findBySlug(ctx.db.kysely, DEMO_ORGANISATIONS[0].slug)) return undefined;
  const users: DemoCredential[] = [];
  for (const org of DEMO_ORGANISATIONS) {
    await createOrganisation(ctx, { slug: org.slug, name: org.name, country: org.country });
    for (const role of ROLES) {
      const email = `${role}@${org.slug}.demo.test`;
      await createUserInOrganisation(ctx, { organisationSlug: org.slug, email, displayName: `Demo ${ROLE_LABEL[role]} ${org.label}`, password: DEMO_PASSWORD, roles: [role] });
      users.push({ email, organisation: org.name, roles: [role] });
    }
  }
  for (const org of DEMO_ORGANISATIONS) {
    await createUserInOrganisation(ctx, { organisationSlug: org.slug, email: 'network.admin@demo.test', displayName: 'Demo Network Admin', password: DEMO_PASSWORD, roles: ['admin'] });
  }
  users.push({ email: 'network.admin@demo.test', organisation: DEMO_ORGANISATIONS.map((o) => o.name).join(', '), roles: ['admin'] });
  return { password: DEMO_PASSWORD, users };
}
