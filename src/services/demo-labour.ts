/**
 * Demo data for labour-market insertion (issue #19): two plainly fictional employers of Demo Shelter
 * North, one shared with the network, with a company tutor and an agreement. Company data only.
 */
import type { AppContext } from './context';
import { addAgreement, addEmployer, addTutor, shareEmployer } from './employers';

export async function seedDemoEmployers(ctx: AppContext, northId: string, northAdminId: string): Promise<void> {
  const actor = { userId: northAdminId, organisationId: northId, roles: ['admin' as const] };
  const kitchen = await addEmployer(ctx, actor, {
    name: 'Demo Kitchen Cucina Finta 01',
    sector: 'hospitality',
    territoryLevel: 'nuts2',
    territory: 'Demo Region North',
    contactPerson: 'Demo Hiring Desk',
    contactPhone: '+39 06 5550 0199',
    contactEmail: 'jobs@demo-kitchen.example.org',
  });
  await addTutor(ctx, actor, kitchen.id, { name: 'Demo Tutor Aurelia Finta', role: 'Head cook' });
  const withAgreement = await addAgreement(ctx, actor, kitchen.id, {
    kind: 'internship_agreement',
    signedOn: '2026-01-15',
    validUntil: '2027-01-14',
    reference: 'DEMO-AGR-2026-01',
  });
  await shareEmployer(ctx, actor, kitchen.id, { shared: true, version: withAgreement.version });
  const laundry = await addEmployer(ctx, actor, {
    name: 'Demo Laundry Lavanderia Finta 02',
    sector: 'cleaning',
    territoryLevel: 'municipality',
    territory: 'Demo Town North',
    contactPerson: 'Demo Front Office',
  });
  await addTutor(ctx, actor, laundry.id, { name: 'Demo Tutor Bruno Finto', role: 'Shift supervisor' });
}
