import { describe, expect, test } from 'vitest';
import { changesBetween, secretRoots } from './corrections';

describe('changesBetween', () => {
  test.each([
    [
      'a changed code',
      { status: 'open', dueDate: '2026-01-01' },
      { status: 'achieved', dueDate: '2026-01-01' },
      [{ field: 'status', secret: false, before: 'open', after: 'achieved' }],
    ],
    ['nothing changed', { level: 'high' }, { level: 'high' }, []],
    [
      'a secret field is named, its values never shown',
      { title: 'Find a flat', status: 'open' },
      { title: 'Find a room', status: 'open' },
      [{ field: 'title', secret: true, before: null, after: null }],
    ],
    [
      'a removed field',
      { level: 'high', notes: 'x' },
      { level: 'high' },
      [{ field: 'notes', secret: true, before: null, after: null }],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(changesBetween(before, after, ['title', 'notes'])).toEqual(expected);
  });

  test('the first version lists the fields it set', () => {
    expect(changesBetween(null, { status: 'open', title: 't' }, ['title'])).toEqual([
      { field: 'status', secret: false, before: null, after: 'open' },
      { field: 'title', secret: true, before: null, after: null },
    ]);
  });

  test('nested secret paths make their top-level field secret', () => {
    expect([...secretRoots(['microObjectives[].title', 'scores[].note', 'text'])]).toEqual([
      'microObjectives',
      'scores',
      'text',
    ]);
  });
});
