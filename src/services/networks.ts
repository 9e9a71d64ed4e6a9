/** Networks of at least three organisations: created by administrators of the deployment (CLI, demo seed). */
import crypto from 'node:crypto';
import { assertNetworkSize } from '../domain/referrals/workflow';
import { withSystem } from '../storage/database';
import type { AppContext } from './context';

export interface NetworkInput {
  name: string;
  formal: boolean;
  level: 'municipal' | 'provincial' | 'regional' | 'national' | 'international';
  structure: 'lead_and_partners' | 'rotating_leadership' | 'no_formal_structure' | 'other';
  members: { organisationId: string; lead?: boolean }[];
}

export async function createNetwork(ctx: AppContext, input: NetworkInput): Promise<string> {
  assertNetworkSize(new Set(input.members.map((m) => m.organisationId)).size);
  const id = crypto.randomUUID();
  await withSystem(ctx.db, async (tx) => {
    await tx.insertInto('networks').values({ id, name: input.name, formal: input.formal, level: input.level, structure: input.structure }).execute();
    await tx.insertInto('network_memberships').values(input.members.map((m) => ({ network_id: id, organisation_id: m.organisationId, lead: m.lead ?? false }))).execute();
  });
  return id;
}
