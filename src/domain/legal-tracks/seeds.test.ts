/** The shipped tracks against the domain reference (../shared/domain/README.md §4), one test per rule with its source line. */
import { describe, expect, it } from 'vitest';
import { checkBasis, checkPath, endBounds, extend, resolveEnd } from './deadlines';
import { stepFor, type LegalTrack } from './model';
import { FRANCE, ITALY, NETHERLANDS, SLOVAKIA } from './seeds';

const stepOf = (track: LegalTrack, code: string) => track.steps.find((s) => s.code === code)!;
const refused = (fn: () => unknown, code: string) => expect(fn).toThrow(expect.objectContaining({ code }));

describe('Italy', () => {
  const art13 = stepOf(ITALY, 'art13');
  const art18 = stepOf(ITALY, 'art18');

  it('IT Art. 13: 3 months, extendable by 3 through an extension event, once (004:467)', () => {
    const end = resolveEnd(art13, '2026-01-15', undefined, 'programme_start')!;
    expect(end).toBe('2026-04-15');
    const first = extend(art13, { date: '2026-01-15', end }, [], [], { date: '2026-04-01' });
    expect(first).toEqual({ endDate: '2026-07-15', count: 1 });
    refused(() => extend(art13, { date: '2026-01-15', end }, [first], [], { date: '2026-07-01' }), 'extension_limit');
  });

  it('IT Art. 13: the extension decision is due before the programme ends, while one is left (004:467)', () => {
    expect(endBounds(art13, '2026-01-15').computed).toBe('2026-04-15');
    const first = extend(art13, { date: '2026-01-15', end: '2026-04-15' }, [], [], { date: '2026-04-01' });
    expect(first.extensionDecisionBy).toBeUndefined();
  });

  it('IT Art. 13 leads on to Art. 18 (004:468–469)', () => {
    expect(art13.leadsTo).toEqual(['art18']);
  });

  it('IT Art. 13 is what older records called a reflection period (004:464–467)', () => {
    expect(stepFor(ITALY, { type: 'reflection_period' })?.code).toBe('art13');
    expect(stepFor(ITALY, { type: 'programme_start' })?.code).toBe('art13');
  });

  it('IT Art. 18: one permit code, a judicial or a social path, recorded once (004:541–549)', () => {
    expect(stepFor(ITALY, { type: 'permit_decision', permitType: 'it_art18' })?.code).toBe('art18');
    expect(art18.paths?.map((p) => p.code)).toEqual(['judicial', 'social']);
    refused(() => checkPath(art18, {}), 'step_path_required');
    expect(() => checkPath(art18, { path: 'judicial' })).not.toThrow();
    refused(() => checkPath(art18, { path: 'judicial', statementBy: 'Agency' }), 'statement_by_without_path');
  });

  it('IT Art. 18 social path: records the accredited agency or social service that gave the statement (004:548–549)', () => {
    refused(() => checkPath(art18, { path: 'social' }), 'statement_by_required');
    expect(() => checkPath(art18, { path: 'social', statementBy: 'Comune – servizi sociali' })).not.toThrow();
  });

  it('IT Art. 18: the permit is renewable, each renewal recording its new end (004:563)', () => {
    const started = { date: '2026-01-01', end: '2026-07-01' };
    refused(() => extend(art18, started, [], [], { date: '2026-06-01' }), 'extension_end_required');
    const renewed = extend(art18, started, [], [], { date: '2026-06-01', endDate: '2027-01-01' });
    expect(renewed.endDate).toBe('2027-01-01');
    expect(renewed.extensionDecisionBy).toBe('2026-11-02');
  });
});

describe('France', () => {
  const reflection = stepOf(FRANCE, 'reflection');
  const permit = stepOf(FRANCE, 'l316_1');

  it('FR: a 30-day reflection period whose end date is inclusive (004:299)', () => {
    expect(reflection.endInclusive).toBe(true);
    // Counted from the day after: 1 March + 30 days = 31 March, still a day of the period.
    expect(resolveEnd(reflection, '2026-03-01', undefined, 'reflection_period')).toBe('2026-03-31');
    refused(() => resolveEnd(reflection, '2026-03-01', '2026-03-20', 'reflection_period'), 'step_end_fixed');
  });

  it('FR L.316-1: at least 6 months (004:289)', () => {
    expect(resolveEnd(permit, '2026-01-10', undefined, 'permit_decision')).toBe('2026-07-10');
    expect(resolveEnd(permit, '2026-01-10', '2027-01-10', 'permit_decision')).toBe('2027-01-10');
    refused(() => resolveEnd(permit, '2026-01-10', '2026-05-10', 'permit_decision'), 'step_end_too_early');
  });

  it('FR L.316-1: linked to a complaint or testimony event (004:281–283)', () => {
    refused(() => checkBasis(permit, undefined), 'step_requires_event');
    refused(() => checkBasis(permit, { type: 'return', date: '2026-01-01' }), 'step_requires_event');
    expect(() => checkBasis(permit, { type: 'complaint', date: '2026-01-01' })).not.toThrow();
    expect(() => checkBasis(permit, { type: 'statement', date: '2026-01-01' })).not.toThrow();
  });
});

describe('Slovakia', () => {
  const stay = stepOf(SLOVAKIA, 'tolerated_stay');
  const started = { date: '2026-02-01', end: '2026-03-13' };
  const took = { type: 'complaint', date: '2026-02-10' };

  it('SK: a 40-day tolerated stay, the Slovak reflection period (004:740–741)', () => {
    expect(resolveEnd(stay, '2026-02-01', undefined, 'tolerated_stay')).toBe('2026-03-13');
    expect(stepFor(SLOVAKIA, { type: 'reflection_period' })?.code).toBe('tolerated_stay');
  });

  it('SK: extended repeatedly while she takes part in the proceedings (004:742–743)', () => {
    refused(
      () => extend(stay, started, [], [], { date: '2026-03-01', endDate: '2026-05-01' }),
      'extension_requires_event',
    );
    const first = extend(stay, started, [], [took], { date: '2026-03-01', endDate: '2026-05-01' });
    const second = extend(stay, started, [first], [took], { date: '2026-04-20', endDate: '2026-07-01' });
    expect(second).toMatchObject({ endDate: '2026-07-01', count: 2 });
  });

  it('SK: not extended if she renews contact with the suspects (004:744–745)', () => {
    const history = [took, { type: 'contact_with_suspects_renewed', date: '2026-02-20' }];
    refused(
      () => extend(stay, started, [], history, { date: '2026-03-01', endDate: '2026-05-01' }),
      'extension_refused',
    );
    // Recorded after the extension, it does not undo it.
    const later = [took, { type: 'contact_with_suspects_renewed', date: '2026-03-05' }];
    expect(extend(stay, started, [], later, { date: '2026-03-01', endDate: '2026-05-01' }).endDate).toBe('2026-05-01');
  });
});

describe('Netherlands', () => {
  const reflection = stepOf(NETHERLANDS, 'reflection');

  it('NL: a reflection period of up to 3 months; a shorter end is kept, a longer one refused (001:5096–5097)', () => {
    expect(resolveEnd(reflection, '2026-01-31', undefined, 'reflection_period')).toBe('2026-04-30');
    expect(resolveEnd(reflection, '2026-01-31', '2026-03-01', 'reflection_period')).toBe('2026-03-01');
    refused(() => resolveEnd(reflection, '2026-01-31', '2026-05-01', 'reflection_period'), 'step_end_too_late');
    refused(() => resolveEnd(reflection, '2026-01-31', '2026-01-30', 'reflection_period'), 'invalid_date_range');
  });
});

describe('older records', () => {
  it('IT Art. 18: the two retired permit codes read as one code and its path (004:541–549)', async () => {
    const { normaliseLegalEvent } = await import('./normalise');
    expect(normaliseLegalEvent({ type: 'permit_decision', permitType: 'it_art18_judicial', path: 'social' })).toEqual({
      type: 'permit_decision',
      permitType: 'it_art18',
      path: 'judicial',
    });
    expect(normaliseLegalEvent({ type: 'permit_decision', permitType: 'fr_l316_1' })).toEqual({
      type: 'permit_decision',
      permitType: 'fr_l316_1',
    });
  });
});
