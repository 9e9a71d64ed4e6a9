/**
 * The case lifecycle: contact → identification → reflection → programme →
 * follow_up → closed, plus paused. People disappear and come back, so pausing
 * and reopening are first-class and always carry a reason.
 */
import { DomainError } from '../errors';

export const OPEN_STATUSES = ['contact', 'identification', 'reflection', 'programme', 'follow_up'] as const;
export const STATUSES = [...OPEN_STATUSES, 'paused', 'closed'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export type CaseStatus = (typeof STATUSES)[number];

export interface CaseState {
  status: CaseStatus;
  pausedFrom: OpenStatus | null;
}

export type TransitionCommand =
  | { to: OpenStatus }
  | { to: 'paused'; reason: string }
  | { to: 'closed'; reason: string }
  | { to: 'reopened'; note: string; status?: OpenStatus };

export interface TransitionResult {
  next: CaseState;
  event: 'advanced' | 'paused' | 'resumed' | 'closed' | 'reopened';
}

const rank = (s: OpenStatus) => OPEN_STATUSES.indexOf(s);

/**
 * Moves between open statuses may go forward (skipping steps: a national may
 * need no reflection period) or back one step to correct a mistake.
 */
export function transition(state: CaseState, command: TransitionCommand): TransitionResult {
  const { status } = state;
  if (command.to === 'reopened') {
    if (status !== 'paused' && status !== 'closed')
      throw new DomainError('invalid_transition', `A ${status} case is already open`);
    if (!command.note?.trim()) throw new DomainError('reason_required', 'Say why the case is reopened');
    const back = command.status ?? (status === 'paused' ? (state.pausedFrom ?? 'contact') : 'contact');
    return { next: { status: back, pausedFrom: null }, event: status === 'paused' ? 'resumed' : 'reopened' };
  }
  if (status === 'closed') throw new DomainError('case_closed', 'The case is closed; reopen it first');
  if (command.to === 'closed') {
    if (!command.reason) throw new DomainError('reason_required', 'A closure reason is required');
    return { next: { status: 'closed', pausedFrom: null }, event: 'closed' };
  }
  if (command.to === 'paused') {
    if (status === 'paused') throw new DomainError('invalid_transition', 'The case is already paused');
    if (!command.reason) throw new DomainError('reason_required', 'A pause reason is required');
    return { next: { status: 'paused', pausedFrom: status }, event: 'paused' };
  }
  if (status === 'paused') throw new DomainError('invalid_transition', 'Reopen a paused case before moving it on');
  const step = rank(command.to) - rank(status);
  if (step === 0 || step < -1)
    throw new DomainError('invalid_transition', `Cannot move from ${status} to ${command.to}`);
  return { next: { status: command.to, pausedFrom: null }, event: 'advanced' };
}

/** What the UI may offer from here (reopening is offered for paused and closed cases). */
export function allowedTransitions(status: CaseStatus): string[] {
  if (status === 'closed') return ['reopened'];
  if (status === 'paused') return ['reopened', 'closed'];
  const here = rank(status);
  const moves = OPEN_STATUSES.filter((s) => rank(s) > here || rank(s) === here - 1);
  return [...moves, 'paused', 'closed'];
}

/** Closed cases are read-only until reopened. */
export function assertEditable(status: CaseStatus): void {
  if (status === 'closed') throw new DomainError('case_closed', 'The case is closed; reopen it to edit');
}
