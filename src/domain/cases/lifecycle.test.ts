import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors';
import {
  allowedTransitions,
  assertEditable,
  OPEN_STATUSES,
  transition,
  type CaseState,
  type TransitionCommand,
} from './lifecycle';

const open = (status: CaseState['status']): CaseState => ({ status, pausedFrom: null });

describe('case lifecycle', () => {
  test.each([
    ['contact', 'identification'],
    ['identification', 'reflection'],
    ['reflection', 'programme'],
    ['programme', 'follow_up'],
    ['contact', 'programme'],
    ['programme', 'reflection'],
  ] as const)('%s → %s is allowed', (from, to) => {
    expect(transition(open(from), { to }).next.status).toBe(to);
  });

  test.each([
    ['follow_up', 'contact'],
    ['programme', 'contact'],
    ['reflection', 'reflection'],
  ] as const)('%s → %s is refused', (from, to) => {
    expect(() => transition(open(from), { to })).toThrow(DomainError);
  });

  test('pausing remembers where to come back to, and resuming returns there', () => {
    const paused = transition(open('programme'), { to: 'paused', reason: 'lost_contact' });
    expect(paused.next).toEqual({ status: 'paused', pausedFrom: 'programme' });
    const back = transition(paused.next, { to: 'reopened', note: 'She called the hotline again' });
    expect(back).toEqual({ next: { status: 'programme', pausedFrom: null }, event: 'resumed' });
  });

  test('reasons are required to pause, close and reopen', () => {
    expect(() => transition(open('contact'), { to: 'paused', reason: '' })).toThrow(/pause reason/);
    expect(() => transition(open('contact'), { to: 'closed', reason: '' })).toThrow(/closure reason/);
    expect(() => transition({ status: 'closed', pausedFrom: null }, { to: 'reopened', note: ' ' })).toThrow(/reopened/);
  });

  test('a closed case can only be reopened, and is not editable', () => {
    const closed: CaseState = { status: 'closed', pausedFrom: null };
    expect(() => transition(closed, { to: 'programme' })).toThrow(expect.objectContaining({ code: 'case_closed' }));
    expect(() => assertEditable('closed')).toThrow(expect.objectContaining({ code: 'case_closed' }));
    expect(allowedTransitions('closed')).toEqual(['reopened']);
    expect(transition(closed, { to: 'reopened', note: 'Came back after a year' }).next.status).toBe('contact');
  });

  test('any sequence of commands keeps the state consistent (property)', () => {
    const command: fc.Arbitrary<TransitionCommand> = fc.oneof(
      fc.constantFrom(...OPEN_STATUSES).map((to) => ({ to })),
      fc.constant({ to: 'paused' as const, reason: 'other' }),
      fc.constant({ to: 'closed' as const, reason: 'other' }),
      fc.constant({ to: 'reopened' as const, note: 'back' }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let state: CaseState = open('contact');
        for (const c of commands) {
          try {
            state = transition(state, c).next;
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
          }
          expect(state.status === 'paused').toBe(state.pausedFrom !== null);
          if (state.status !== 'closed' && state.status !== 'paused')
            expect(allowedTransitions(state.status)).toContain('paused');
        }
      }),
    );
  });
});
