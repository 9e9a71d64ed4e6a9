/**
 * Reading, sealing and verifying the audit log. The sealer turns pending entries into leaves of
 * each organisation's Merkle tree and signs a checkpoint; verification checks every leaf, every
 * checkpoint and the consistency between them, and against checkpoints kept elsewhere.
 */
import {
  entryLeafHash,
  inclusionProof,
  verifyLog,
  type ChainVerdict,
  type InclusionProof,
} from '../domain/audit/chain';
import {
  checkpointBody,
  checkpointOrigin,
  formatNote,
  organisationOfOrigin,
  signNoteBody,
  verifyNoteSignature,
  type NoteVerifier,
  type ParsedCheckpoint,
} from '../domain/audit/checkpoint';
import { extendFrontier, frontierRoot, verifyInclusion, type Hash } from '../domain/audit/merkle';
import type { Actor } from '../policies/policies';
import { withSystem, withTenant } from '../storage/database';
import { auditRepo, type CheckpointRow } from '../storage/repositories/audit';
import { organisationsRepo } from '../storage/repositories/organisations';
import { auditSigner } from './audit-signing-key';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

export async function recentAudit(ctx: AppContext, actor: Actor, limit: number) {
  requireAccess(actor, 'audit.read', { organisationId: actor.organisationId });
  // Sealing first lets the page show leaf numbers; entries appended meanwhile are listed unsealed.
  await sealOrganisation(ctx, actor.organisationId).catch(() => undefined);
  return withTenant(ctx.db, actor, (tx) => auditRepo.recent(tx, actor.organisationId, limit));
}

/** Thrown when the stored log no longer matches its latest checkpoint: the sealer refuses to sign over it. */
export class AuditSealError extends Error {}

const BATCH = 5000;

/** Seals the organisation's pending entries in insertion order and signs one checkpoint; null when none were pending. */
export async function sealOrganisation(
  ctx: AppContext,
  organisationId: string,
): Promise<{ sealed: number; treeSize: number } | null> {
  const signer = await auditSigner(ctx);
  return withSystem(ctx.db, async (tx) => {
    await auditRepo.lockSealer(tx, organisationId);
    const latest = await auditRepo.latestCheckpoint(tx, organisationId);
    const size0 = latest?.treeSize ?? 0;
    const origin = checkpointOrigin(organisationId);
    // Signing on top of a log that was truncated or whose checkpoints were removed would hide it.
    const { count, maxSeq } = await auditRepo.sealedCount(tx, organisationId);
    if (count !== size0 || maxSeq !== size0)
      throw new AuditSealError(
        `audit log of ${organisationId} has ${count} sealed entries but its latest checkpoint covers ${size0}`,
      );
    let frontier: Hash[] = latest?.frontier.map((h) => Buffer.from(h, 'hex')) ?? [];
    if (
      latest &&
      (!frontierRoot(frontier).equals(Buffer.from(latest.rootHash, 'base64')) ||
        !verifyNoteSignature(
          checkpointBody(origin, latest.treeSize, Buffer.from(latest.rootHash, 'base64')),
          [{ name: signer.name, payload: latest.signature }],
          signer,
        ))
    ) {
      throw new AuditSealError(`latest audit checkpoint of ${organisationId} does not verify`);
    }
    let size = size0;
    for (;;) {
      const pending = await auditRepo.pending(tx, organisationId, size + 1, BATCH);
      if (!pending.length) break;
      const sealed = pending.map((e) => {
        const leaf = entryLeafHash(e);
        frontier = extendFrontier(frontier, e.seq - 1, leaf);
        return { id: e.id, seq: e.seq, leafHash: leaf.toString('hex') };
      });
      if ((await auditRepo.seal(tx, sealed)) !== sealed.length)
        throw new AuditSealError('pending audit entries changed while sealing');
      size += sealed.length;
      if (pending.length < BATCH) break;
    }
    if (size === size0) return null;
    const root = frontierRoot(frontier);
    await auditRepo.insertCheckpoint(tx, {
      organisationId,
      treeSize: size,
      rootHash: root.toString('base64'),
      signature: signNoteBody(checkpointBody(origin, size, root), signer),
      frontier: frontier.map((h) => h.toString('hex')),
    });
    return { sealed: size - size0, treeSize: size };
  });
}

/** Seals every organisation with pending entries; errors are collected, one organisation never stops the others. */
export async function sealAll(ctx: AppContext): Promise<{ organisationId: string; sealed?: number; error?: string }[]> {
  const orgs = await withSystem(ctx.db, (tx) => auditRepo.pendingOrganisations(tx));
  const results = [];
  for (const organisationId of orgs) {
    try {
      results.push({ organisationId, sealed: (await sealOrganisation(ctx, organisationId))?.sealed ?? 0 });
    } catch (error) {
      results.push({ organisationId, error: (error as Error).message });
    }
  }
  return results;
}

/**
 * Runs the sealer on a short timer in the server. Several servers may run it at once: the sealer
 * locks per organisation for its own transaction only. stop() waits for a run in progress.
 */
export function startAuditSealer(ctx: AppContext, opts: { intervalMs: number; onError?: (error: string) => void }) {
  let stopped = opts.intervalMs <= 0;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = sealAll(ctx)
      .then(
        (results) => {
          for (const r of results) if (r.error) opts.onError?.(r.error);
        },
        (error: Error) => opts.onError?.(error.message),
      )
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, opts.intervalMs);
          timer.unref();
        }
      });
  };
  if (!stopped) {
    timer = setTimeout(tick, opts.intervalMs);
    timer.unref();
  }
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export interface OrganisationVerdict {
  organisation: string;
  organisationId: string;
  verdict: ChainVerdict;
  /** Entries appended but not yet sealed (appended during verification). */
  pending: number;
}

/**
 * Verifies every organisation's log; used by `ariadne audit verify`. Pending entries are sealed
 * first. `external` are checkpoints kept outside the database (see `ariadne audit checkpoint`):
 * against them truncation, deletion of a whole log and rewriting are detected even when the
 * stored checkpoints were changed to match.
 */
export async function verifyAllChains(
  ctx: AppContext,
  opts: { external?: readonly ParsedCheckpoint[]; verifier?: NoteVerifier } = {},
): Promise<OrganisationVerdict[]> {
  const verifier = opts.verifier ?? (await auditSigner(ctx));
  await sealAll(ctx);
  const external = opts.external ?? [];
  return withSystem(ctx.db, async (tx) => {
    const orgs = await organisationsRepo.list(tx);
    const results: OrganisationVerdict[] = [];
    for (const org of orgs) {
      const verdict = verifyLog({
        organisationId: org.id,
        entries: await auditRepo.sealed(tx, org.id),
        checkpoints: await auditRepo.checkpoints(tx, org.id),
        external: external.filter((x) => x.origin === checkpointOrigin(org.id)),
        verifier,
      });
      results.push({
        organisation: org.slug,
        organisationId: org.id,
        verdict,
        pending: await auditRepo.pendingCount(tx, org.id),
      });
    }
    // A checkpoint naming an organisation that no longer exists: its whole log is gone.
    const known = new Set(orgs.map((o) => o.id));
    for (const x of external) {
      const id = organisationOfOrigin(x.origin);
      if (known.has(id ?? '')) continue;
      const signed = verifyNoteSignature(x.body, x.signatures, verifier);
      results.push({
        organisation: x.origin,
        organisationId: id ?? '',
        pending: 0,
        verdict: signed
          ? {
              ok: false,
              entries: 0,
              reason: 'chain_missing',
              brokenAtSeq: 1,
              treeSize: x.treeSize,
              detail: `no organisation holds the log ${x.origin}`,
            }
          : {
              ok: false,
              entries: 0,
              reason: 'bad_signature',
              treeSize: x.treeSize,
              detail: `external checkpoint for ${x.origin} is not signed by ${verifier.name}`,
            },
      });
    }
    return results;
  });
}

/**
 * Verifies one organisation's log, as the audit page's "Verify" button asks (pending entries are
 * sealed first): every leaf, every checkpoint signature and root, and their consistency.
 */
export async function verifyOrganisationChain(
  ctx: AppContext,
  organisationId: string,
): Promise<{ verdict: ChainVerdict; pending: number }> {
  const verifier = await auditSigner(ctx);
  await sealOrganisation(ctx, organisationId).catch(() => undefined);
  return withSystem(ctx.db, async (tx) => ({
    verdict: verifyLog({
      organisationId,
      entries: await auditRepo.sealed(tx, organisationId),
      checkpoints: await auditRepo.checkpoints(tx, organisationId),
      verifier,
    }),
    pending: await auditRepo.pendingCount(tx, organisationId),
  }));
}

export interface ExportedCheckpoint {
  organisation: string;
  organisationId: string;
  origin: string;
  treeSize: number;
  rootHash: string;
  createdAt: string;
  /** The signed note, C2SP checkpoint format: store it outside the database. */
  note: string;
}

function exportCheckpoint(slug: string, c: CheckpointRow, keyName: string): ExportedCheckpoint {
  const origin = checkpointOrigin(c.organisationId);
  return {
    organisation: slug,
    organisationId: c.organisationId,
    origin,
    treeSize: c.treeSize,
    rootHash: c.rootHash,
    createdAt: c.createdAt.toISOString(),
    note: formatNote(checkpointBody(origin, c.treeSize, Buffer.from(c.rootHash, 'base64')), keyName, c.signature),
  };
}

/** The latest signed checkpoint of each organisation (or of one), after sealing what is pending. */
export async function latestCheckpoints(ctx: AppContext, slug?: string): Promise<ExportedCheckpoint[]> {
  const signer = await auditSigner(ctx);
  const orgs = await withSystem(ctx.db, async (tx) =>
    (await organisationsRepo.list(tx)).filter((o) => !slug || o.slug === slug),
  );
  if (slug && !orgs.length) throw new Error(`No organisation ${slug}`);
  const out: ExportedCheckpoint[] = [];
  for (const org of orgs) {
    // A log the sealer refuses to extend (see AuditSealError) still has its last signed checkpoint.
    await sealOrganisation(ctx, org.id).catch(() => undefined);
    const latest = await withSystem(ctx.db, (tx) => auditRepo.latestCheckpoint(tx, org.id));
    if (latest) out.push(exportCheckpoint(org.slug, latest, signer.name));
  }
  return out;
}

/** The inclusion proof of entry `seq` of an organisation in its latest signed checkpoint. */
export async function proveEntry(
  ctx: AppContext,
  slug: string,
  seq: number,
): Promise<InclusionProof & { organisation: string; origin: string; checkpoint: string; verified: boolean }> {
  const signer = await auditSigner(ctx);
  const org = await withSystem(ctx.db, (tx) => organisationsRepo.findBySlug(tx, slug));
  if (!org) throw new Error(`No organisation ${slug}`);
  await sealOrganisation(ctx, org.id).catch(() => undefined);
  return withSystem(ctx.db, async (tx) => {
    const latest = await auditRepo.latestCheckpoint(tx, org.id);
    if (!latest || !Number.isInteger(seq) || seq < 1 || seq > latest.treeSize)
      throw new Error(`No sealed entry ${seq} in the audit log of ${slug}`);
    const proof = inclusionProof(await auditRepo.leafHashes(tx, org.id), seq, latest.treeSize);
    const verified =
      proof.rootHash === latest.rootHash &&
      verifyInclusion(
        proof.leafIndex,
        proof.treeSize,
        Buffer.from(proof.leafHash, 'hex'),
        proof.proof.map((h) => Buffer.from(h, 'base64')),
        Buffer.from(latest.rootHash, 'base64'),
      );
    return {
      organisation: slug,
      origin: checkpointOrigin(org.id),
      ...proof,
      checkpoint: exportCheckpoint(slug, latest, signer.name).note,
      verified,
    };
  });
}

/** The verifier key of the audit log (signed-note vkey), to give to whoever keeps checkpoints; unchanged by `keys rotate-master`. */
export const auditPublicKey = async (ctx: AppContext): Promise<string> => (await auditSigner(ctx)).vkey;
