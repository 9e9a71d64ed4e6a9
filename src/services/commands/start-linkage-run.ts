/**
 * Starting a network linkage run: one command in ONE transaction, so the audit entry, the job
 * on the queue and its progress row commit or fail together. A start that cannot be audited
 * queues nothing; a job that cannot be queued (one is queued or running already) leaves no
 * audit entry and no progress row; nothing is "running" without its job.
 *
 * In order: the organisation's audit entry; then, as the system (the queue and job progress
 * are not the app role's), the job, refused by the queue's exclusive policy while another is
 * queued or active, and its progress row. The job becomes visible to workers at the commit.
 */
import { errors } from '../../errors';
import type { Actor } from '../../policies/policies';
import { asSystem, type Tx } from '../../storage/database';
import { inTransaction, type JobQueue } from '../../storage/job-queue';
import { auditRepo } from '../../storage/repositories/audit';
import { jobProgressRepo } from '../../storage/repositories/job-progress';
import { requireAccess } from '../authorize';
import { JOB } from '../jobs';

export const alreadyRunning = () =>
  errors.conflict('linkage_running', 'A linkage run is already in progress; wait for it to finish');

export interface StartLinkageRunProps {
  /** The coordinator or administrator starting the run; the transaction is scoped to her organisation. */
  actor: Actor;
  tx: Tx;
  /**
   * The job queue, opened (and the linkage queue's settings cached) before the transaction: on
   * PGlite a statement of the queue's own would wait for the one connection the transaction holds.
   */
  queue: JobQueue;
  /** The job's id, chosen by the caller (a test's substitute run is registered under it first). */
  id: string;
  /** Asked for: "full" (estimate again) or "incremental"; unset, the run decides (see runNetworkLinkage). */
  mode?: 'full' | 'incremental';
}

export async function startLinkageRun({ actor, tx, queue, id, mode }: StartLinkageRunProps): Promise<{ id: string }> {
  requireAccess(actor, 'linkage.run', { organisationId: actor.organisationId });
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: 'linkage.run.start',
    entityType: 'organisation',
    entityId: actor.organisationId,
  });
  await asSystem(tx, actor, async () => {
    // Another start committed meanwhile: the queue's exclusive policy refuses this one.
    if (
      !(await queue.send(
        JOB.linkageRun,
        { organisationId: actor.organisationId, ...(mode ? { mode } : {}) },
        { id, db: inTransaction(tx) },
      ))
    )
      throw alreadyRunning();
    await jobProgressRepo.create(tx, {
      id,
      kind: JOB.linkageRun,
      organisationId: actor.organisationId,
      phase: 'encode',
    });
  });
  return { id };
}
