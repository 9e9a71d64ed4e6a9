import { describe, expect, test } from 'vitest';
import { foldForSearch, newestFirst, searchNotes } from './notes';

const notes = [
  { id: 'a', data: { date: '2026-03-01', kind: 'meeting', text: 'Met at the office; talked about the permit' } },
  {
    id: 'b',
    data: { date: '2026-03-05', time: '09:30', kind: 'phone_call', text: 'Called her lawyer', present: 'Ana (lawyer)' },
  },
  { id: 'c', data: { date: '2026-03-05', time: '14:00', kind: 'home_visit', text: 'Visit in Želiezovce' } },
  {
    id: 'd',
    data: { date: '2026-02-20', kind: 'message', text: 'Sent the appointment', interpreterLanguage: 'Romanian' },
  },
];

describe('case notes', () => {
  test('newest first by date and time', () => {
    expect(newestFirst(notes).map((n) => n.id)).toEqual(['c', 'b', 'a', 'd']);
  });

  test.each([
    ['', ['a', 'b', 'c', 'd']],
    ['lawyer', ['b']],
    ['LAWYER ana', ['b']],
    ['zeliezovce', ['c']],
    ['permit office', ['a']],
    ['permit lawyer', []],
    ['romanian', ['d']],
    ['phone_call', ['b']],
  ])('searching %j finds %j', (q, ids) => {
    expect(searchNotes(notes, q).map((n) => n.id)).toEqual(ids);
  });

  test('the translated kind label is searched too', () => {
    expect(
      searchNotes(notes, 'appel', (k) => (k === 'phone_call' ? 'Appel téléphonique' : k)).map((n) => n.id),
    ).toEqual(['b']);
    expect(foldForSearch('Téléphone')).toBe('telephone');
  });
});
