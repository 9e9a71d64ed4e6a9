/**
 * Partial and misspelt name search while names stay encrypted at rest.
 *
 * Choice: keyed blind indexes over name terms (src/domain/cases/name-search.ts), stored as
 * HMAC-SHA-256 under the organisation's index key in `person_name_tokens` (row-level secured),
 * rather than a per-organisation in-memory index of decrypted names. The database does the
 * matching and ranking in the same query as the access filters and paging, every server sees a
 * change at commit (no cache to rebuild or keep consistent across servers, no decrypted names in
 * process memory between requests), and 100,000 persons cost about 25 terms each (bench/search.ts
 * measures the search against an exact blind-index lookup in the same run).
 *
 * Leakage: whoever reads the table (a database administrator, a backup) learns which persons of
 * one organisation share a token, a prefix, a sound or a spelling-skeleton prefix, and how many terms each has (roughly the
 * length of her names), never the names. Keys are per organisation, so equal names in two
 * organisations have unrelated hashes and nothing links across them.
 */
import crypto from 'node:crypto';
import { MATCH_WEIGHT, matchStrength, personTerms, queryTerms } from '../domain/cases/name-search';
import type { Actor } from '../policies/policies';
import { blindIndex } from '../security/blind-index';
import { withSystem, type Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { casesRepo } from '../storage/repositories/cases';
import { freeTextBackfillRepo } from '../storage/repositories/free-text-backfill';
import { personNameTokensRepo, type HashedQueryTerm } from '../storage/repositories/person-name-tokens';
import { requireAccess } from './authorize';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { openIdentity, searchIndexes, type PersonIdentity } from './person-identity';

const FIELD = 'person.name_term';
/** 128 bits of the HMAC: collisions stay negligible, the table and its index stay small. */
const hashTerm = (indexKey: Buffer, term: string) => blindIndex(indexKey, FIELD, term).slice(0, 22);

/** The stored form of a person's name terms. */
export async function personTermHashes(
  ctx: AppContext,
  organisationId: string,
  names: Pick<PersonIdentity, 'givenName' | 'familyName' | 'aliases'>,
): Promise<string[]> {
  const indexKey = await ctx.keyRing.indexKey(organisationId);
  return personTerms(names).map((t) => hashTerm(indexKey, t));
}

/** Writes (or rewrites) a person's terms inside the caller's transaction: on create and every edit. */
export async function indexPersonNames(
  ctx: AppContext,
  tx: Tx,
  organisationId: string,
  personId: string,
  names: Pick<PersonIdentity, 'givenName' | 'familyName' | 'aliases'>,
): Promise<void> {
  await personNameTokensRepo.replace(tx, organisationId, personId, await personTermHashes(ctx, organisationId, names));
}

/** A query's hashed terms, or null when it has no token. */
export async function hashedQuery(
  ctx: AppContext,
  organisationId: string,
  query: string,
): Promise<{ terms: HashedQueryTerm[]; tokens: number } | null> {
  const tokens = queryTerms(query);
  if (tokens.length === 0) return null;
  const indexKey = await ctx.keyRing.indexKey(organisationId);
  return {
    tokens: tokens.length,
    terms: tokens.flatMap((t, queryToken) =>
      t.terms.map((x) => ({ token: hashTerm(indexKey, x.term), queryToken, weight: MATCH_WEIGHT[x.kind] })),
    ),
  };
}

/**
 * Bump when the terms change (tokeniser, prefixes, phonetics): every person is re-indexed at the next start.
 * 2: skeleton prefixes (`s:`), so a misspelt start of a name finds her.
 */
export const NAME_TOKENS_VERSION = 2;
export const NAME_TOKENS_BACKFILL = 'person_name_tokens';

const fingerprint = () =>
  crypto.createHash('sha256').update(JSON.stringify({ NAME_TOKENS_VERSION, FIELD })).digest('hex');

/**
 * Indexes the names of persons recorded before migration 034 (or re-indexes everyone after a
 * change of the terms). Runs at start-up after the migrations, as the system; idempotent, and one
 * lookup once done. Ids only reach logs and errors, never names.
 */
export async function backfillNameTokens(
  ctx: AppContext,
  opts: { force?: boolean; batchSize?: number } = {},
): Promise<{ skipped: boolean; persons: number }> {
  const rule = fingerprint();
  const done = await freeTextBackfillRepo.completed(ctx.db.system, NAME_TOKENS_BACKFILL);
  if (!opts.force && done?.fingerprint === rule) return { skipped: true, persons: 0 };
  // No record at all: only persons without terms (persons created since 034 have theirs).
  const onlyMissing = !opts.force && done === undefined;
  const batchSize = opts.batchSize ?? 500;
  let after: { organisationId: string; id: string } | null = null;
  let persons = 0;
  for (;;) {
    const rows = await personNameTokensRepo.personsToIndex(ctx.db.system, after, onlyMissing, batchSize);
    if (rows.length === 0) break;
    for (const o of new Set(rows.map((r) => r.organisationId))) await ctx.keyRing.warm(o);
    const indexed = await Promise.all(
      rows.map(async (r) => ({
        ...r,
        hashes: await personTermHashes(ctx, r.organisationId, await openIdentity(ctx, r.organisationId, r.identityEnc)),
      })),
    );
    await withSystem(ctx.db, async (tx) => {
      for (const r of indexed) await personNameTokensRepo.replace(tx, r.organisationId, r.id, r.hashes);
    });
    persons += rows.length;
    const last = rows[rows.length - 1];
    after = { organisationId: last.organisationId, id: last.id };
    if (rows.length < batchSize) break;
  }
  await freeTextBackfillRepo.markCompleted(ctx.db.system, NAME_TOKENS_BACKFILL, rule);
  return { skipped: false, persons };
}

/** Persons shown at most as possible duplicates of an intake. */
const MAX_POSSIBLE_MATCHES = 5;

/**
 * Persons of the actor's organisation who may be the one she is recording (while she types an
 * intake): the same matching as the case list, graded with the date of birth. Each comes with
 * her latest case (an open one first) to open, or her id to reuse. Never across organisations:
 * the lookup runs in her tenant with her organisation's key. Audited as a search.
 */
export async function possibleMatches(
  ctx: AppContext,
  actor: Actor,
  q: { given: string; family?: string; dob?: string },
) {
  requireAccess(actor, 'case.create', { organisationId: actor.organisationId });
  const hashed = await hashedQuery(ctx, actor.organisationId, [q.given, q.family ?? ''].join(' '));
  if (!hashed) return [];
  const { dobIndex } = await searchIndexes(ctx, actor.organisationId, { dateOfBirth: q.dob });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const found = await personNameTokensRepo.match(tx, actor.organisationId, hashed.terms, MAX_POSSIBLE_MATCHES);
      const matches = [];
      for (const m of found) {
        const cases = await casesRepo.casesOfPerson(tx, actor.organisationId, m.personId);
        const latest = cases.find((c) => c.status !== 'closed') ?? cases.at(-1);
        if (!latest) continue;
        matches.push({
          personId: m.personId,
          caseId: latest.id,
          reference: latest.reference,
          status: latest.status,
          strength: matchStrength({
            tokens: hashed.tokens,
            score: m.score,
            dobMatches: !!dobIndex && m.dobIndex === dobIndex,
          }),
          hasOpenCase: cases.some((c) => c.status !== 'closed'),
        });
      }
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'case.search',
        entityType: 'case',
        entityId: null,
        fields: ['search.possible_matches', 'person.name', ...(q.dob ? ['person.dateOfBirth'] : [])],
      });
      return matches;
    },
    READS_ONLY,
  );
}
