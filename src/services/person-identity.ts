/** A person's identifying fields: sealed into one encrypted envelope, with keyed blind indexes for exact search. */
import { blindIndex } from '../security/blind-index';
import type { AppContext } from './context';

export interface PersonIdentity {
  givenName: string;
  familyName?: string;
  aliases?: string[];
  dateOfBirth?: string;
  citizenship?: string;
  languages?: string[];
  contact?: string;
  documents?: string;
}

export const fullName = (p: Pick<PersonIdentity, 'givenName' | 'familyName'>) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ');

export async function sealIdentity(ctx: AppContext, organisationId: string, identity: PersonIdentity) {
  const indexKey = await ctx.keyRing.indexKey(organisationId);
  return {
    identityEnc: await ctx.keyRing.encrypt(organisationId, JSON.stringify(identity)),
    nameIndex: blindIndex(indexKey, 'person.name', fullName(identity)),
    dobIndex: identity.dateOfBirth ? blindIndex(indexKey, 'person.dob', identity.dateOfBirth) : null,
  };
}

export async function openIdentity(
  ctx: AppContext,
  organisationId: string,
  identityEnc: string,
): Promise<PersonIdentity> {
  return JSON.parse(await ctx.keyRing.decrypt(organisationId, identityEnc)) as PersonIdentity;
}

/** Index values for a search, computed with the same key; the database never sees the name. */
export async function searchIndexes(
  ctx: AppContext,
  organisationId: string,
  q?: { name?: string; dateOfBirth?: string },
) {
  const indexKey = await ctx.keyRing.indexKey(organisationId);
  return {
    nameIndex: q?.name ? blindIndex(indexKey, 'person.name', q.name) : undefined,
    dobIndex: q?.dateOfBirth ? blindIndex(indexKey, 'person.dob', q.dateOfBirth) : undefined,
  };
}
