/**
 * The rules of the labour-market insertion records (issue #19), checked by the service before a
 * record is stored, each refusal naming its field (`data.<field>`, 400 validation_failed):
 * an internship lasts within its country's bounds (the organisation's internship_rules, else 1–6
 * months); the employer is one the organisation may read (its own or one a network partner shares)
 * and the tutor is a tutor of that employer; a mediation's internship and a follow-up's placement are
 * records of the same case. Date order and dates in the past are the generic rules of entries.ts.
 */
import { internshipLength } from '../domain/labour/rules';
import type { EntryKind } from '../domain/cases/entries';
import { AppError, errors } from '../errors';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { employersRepo } from '../storage/repositories/employers';
import { internshipBounds, readableEmployer } from './employers';

const refuse = (field: string, code: string, message: string, limits: Record<string, number> = {}) =>
  errors.validation([{ path: ['data', field], code, message, ...limits }]);

async function employerField(tx: Tx, actor: Actor, data: Record<string, unknown>, field = 'employerId') {
  const id = data[field];
  if (typeof id !== 'string') return;
  try {
    await readableEmployer(tx, actor, id);
  } catch (e) {
    if (e instanceof AppError && (e.status === 404 || e.status === 403))
      throw refuse(field, 'unknown_employer', 'This employer is not in the directory you can read');
    throw e;
  }
}

async function sameCaseRecord(
  tx: Tx,
  actor: Actor,
  caseId: string,
  data: Record<string, unknown>,
  field: string,
  kind: EntryKind,
  code: string,
) {
  const id = data[field];
  if (typeof id !== 'string') return;
  const row = await caseEntriesRepo.findCurrent(tx, actor.organisationId, caseId, id);
  if (!row || row.kind !== kind) throw refuse(field, code, `This is not a ${kind} record of the case`);
}

export async function validateLabourEntry(
  tx: Tx,
  actor: Actor,
  caseId: string,
  kind: EntryKind,
  data: Record<string, unknown>,
  caseCountry: string | null,
): Promise<void> {
  if (kind === 'internship') {
    await employerField(tx, actor, data);
    if (typeof data.tutorId === 'string') {
      const tutors = await employersRepo.tutorsOf(tx, [String(data.employerId)]);
      if (!tutors.some((t) => t.id === data.tutorId))
        throw refuse('tutorId', 'unknown_tutor', 'This tutor is not a tutor of the employer');
    }
    const bounds = await internshipBounds(tx, actor.organisationId, caseCountry);
    const length = internshipLength(String(data.startOn), String(data.endOn), bounds);
    if (length === 'too_short')
      throw refuse('endOn', 'internship_too_short', `An internship lasts at least ${bounds.minMonths} month(s) here`, {
        minimum: bounds.minMonths,
      });
    if (length === 'too_long')
      throw refuse('endOn', 'internship_too_long', `An internship lasts at most ${bounds.maxMonths} months here`, {
        maximum: bounds.maxMonths,
      });
  }
  if (kind === 'employer_mediation') {
    await employerField(tx, actor, data);
    await sameCaseRecord(tx, actor, caseId, data, 'internshipId', 'internship', 'unknown_internship');
  }
  if (kind === 'job_placement') await employerField(tx, actor, data);
  if (kind === 'job_follow_up')
    await sameCaseRecord(tx, actor, caseId, data, 'placementId', 'job_placement', 'unknown_placement');
}
