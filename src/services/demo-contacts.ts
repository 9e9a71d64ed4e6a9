/**
 * Demo contacts of the threshold phase (issue #18), plainly fictional, through the same services as
 * the API: a few chains of outreach contacts, drop-in visits and hotline calls under nicknames she
 * chose ("Demo …"), spread over the past weeks and over the organisation's routes and municipalities;
 * one hotline call handed off to the south post (without her identity); one chain that became a case
 * with what she chose to carry over.
 */
import type { ContactInput } from '../domain/contacts/inputs';
import type { Actor } from '../policies/policies';
import { contactToCase } from './commands/contact-to-case';
import { recordContact } from './contacts';
import type { AppContext } from './context';
import { createHandoff } from './handoffs';

const at = (daysAgo: number, hour: number) => {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

type DemoContact = Omit<ContactInput, 'occurredAt'> & { daysAgo: number; hour: number };

const ROUTE_NORTH = { level: 'outreach_route', name: 'Demo Route North' } as const;
const ROUTE_RIVER = { level: 'outreach_route', name: 'Demo Route Riverside' } as const;
const TOWN = { level: 'municipality', name: 'Demo Town' } as const;

/** Chains under a nickname (repeat contacts before trust exists), then contacts without one. */
const CHAINS: DemoContact[][] = [
  [
    {
      daysAgo: 80,
      hour: 22,
      kind: 'outreach',
      place: ROUTE_NORTH,
      language: 'ro',
      nickname: 'Demo Lark',
      provided: ['condoms', 'information'],
    },
    {
      daysAgo: 52,
      hour: 23,
      kind: 'outreach',
      place: ROUTE_NORTH,
      language: 'ro',
      nickname: 'Demo Lark',
      needs: ['medical'],
      provided: ['referral'],
    },
    {
      daysAgo: 20,
      hour: 15,
      kind: 'drop_in',
      place: TOWN,
      language: 'ro',
      interpreterUsed: true,
      nickname: 'Demo Lark',
      needs: ['medical', 'legal'],
      provided: ['accompaniment'],
      note: 'Demo note: asked about a doctor who speaks Romanian',
    },
  ],
  [
    {
      daysAgo: 64,
      hour: 21,
      kind: 'outreach',
      place: ROUTE_RIVER,
      language: 'en',
      nickname: 'Demo Heron',
      provided: ['condoms'],
    },
    {
      daysAgo: 33,
      hour: 11,
      kind: 'hotline_call',
      place: TOWN,
      language: 'en',
      nickname: 'Demo Heron',
      needs: ['shelter'],
      provided: ['information'],
    },
    {
      daysAgo: 9,
      hour: 16,
      kind: 'drop_in',
      place: TOWN,
      language: 'en',
      nickname: 'Demo Heron',
      needs: ['shelter', 'legal'],
      provided: ['hygiene_kit', 'food'],
      note: 'Demo note: wants to talk about leaving',
    },
  ],
  [
    {
      daysAgo: 45,
      hour: 20,
      kind: 'message',
      place: TOWN,
      language: 'uk',
      nickname: 'Demo Wren',
      needs: ['legal'],
      provided: ['information'],
    },
    {
      daysAgo: 14,
      hour: 10,
      kind: 'hotline_call',
      place: TOWN,
      language: 'uk',
      interpreterUsed: true,
      nickname: 'Demo Wren',
      needs: ['legal'],
      provided: ['referral'],
    },
  ],
  [
    {
      daysAgo: 70,
      hour: 23,
      kind: 'outreach',
      place: ROUTE_NORTH,
      language: 'bg',
      provided: ['condoms', 'information'],
    },
  ],
  [{ daysAgo: 38, hour: 22, kind: 'outreach', place: ROUTE_RIVER, language: 'ro', provided: ['condoms'] }],
  [
    {
      daysAgo: 26,
      hour: 14,
      kind: 'drop_in',
      place: TOWN,
      language: 'en',
      needs: ['medical'],
      provided: ['clothing', 'food'],
    },
  ],
  [
    {
      daysAgo: 5,
      hour: 9,
      kind: 'hotline_call',
      place: TOWN,
      language: 'fr',
      needs: ['shelter'],
      provided: ['information'],
    },
  ],
];

export interface DemoContactsResult {
  contacts: number;
  handoffs: number;
  cases: number;
}

/**
 * North's caseworker records the chains; the last hotline call (a caller from the south's territory)
 * is handed off to South; "Demo Heron" agrees and her chain becomes a case.
 */
export async function seedDemoContacts(
  ctx: AppContext,
  north: { organisationId: string; caseworkerId: string },
  southOrganisationId: string,
): Promise<DemoContactsResult> {
  const actor: Actor = { userId: north.caseworkerId, organisationId: north.organisationId, roles: ['caseworker'] };
  const lastOfChain: string[] = [];
  let contacts = 0;
  for (const chain of CHAINS) {
    let last = '';
    for (const { daysAgo, hour, ...c } of chain) {
      last = (await recordContact(ctx, actor, { ...c, occurredAt: at(daysAgo, hour) })).id;
      contacts += 1;
    }
    lastOfChain.push(last);
  }
  await createHandoff(ctx, actor, { contactId: lastOfChain.at(-1)!, toOrganisationId: southOrganisationId });
  await contactToCase(ctx, actor, lastOfChain[1]!, {
    person: { givenName: 'Demo', familyName: 'Heron' },
    risk: { level: 'medium' },
    carry: { needs: true, language: true, noteContactIds: [lastOfChain[1]!] },
    consent: { purposes: ['assistance', 'data_storage'], language: 'en', interpreterUsed: false },
  });
  return { contacts, handoffs: 1, cases: 1 };
}
