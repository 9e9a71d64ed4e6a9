/** Texts the server writes for people (MSE warnings, the capture-table note) come back in her language. */
import { describe, expect, test } from 'vitest';
import { estimatePopulation } from '../../src/domain/mse';
import { loadNamespace } from '../../src/i18n/resources';
import { translateNote } from '../../src/services/server-text';

describe('server-written texts in every language', () => {
  test('every statistics note template has the same placeholders in fr, it and sk', () => {
    const all = loadNamespace('statsText');
    const names = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const [key, en] of Object.entries(all.en!.notes as Record<string, string>))
      for (const language of ['fr', 'it', 'sk']) {
        const text = (all[language]!.notes as Record<string, string>)[key];
        expect(text, `${language} notes.${key}`).toBeTypeOf('string');
        expect(names(text!), `${language} notes.${key}`).toEqual(names(en));
      }
  });

  test("an MSE fit's warnings, as the domain writes them, are translated with their values", async () => {
    // B is only ever seen with A and C: the B:C effect is rejected with a warning (as in the domain's tests).
    const result = await estimatePopulation({
      lists: ['A', 'B', 'C'],
      histories: [
        { pattern: [1, 0, 0], count: 27 },
        { pattern: [0, 0, 1], count: 21 },
        { pattern: [1, 1, 1], count: 39 },
      ],
    });
    const warnings = result.warnings;
    expect(warnings.map((w) => w.code)).toContain('term_rejected');
    for (const w of warnings) {
      const fr = translateNote(w.message, 'fr');
      expect(fr, w.code).not.toBe(w.message);
      for (const number of w.message.match(/\d+(\.\d+)?/g) ?? []) expect(fr, w.code).toContain(number);
    }
    const lackOfFit =
      'The model fits the observed counts poorly (deviance 12.3 on 2 df, chi-square p = 0.0021); treat the estimate with caution.';
    expect(translateNote(lackOfFit, 'sk')).toBe(
      'Model zle zodpovedá pozorovaným počtom (deviancia 12.3 pri 2 stupňoch voľnosti, p chí-kvadrát testu = 0.0021); odhad berte s opatrnosťou.',
    );
    expect(translateNote(lackOfFit, 'en')).toBe(lackOfFit);
    expect(translateNote('A note no template knows.', 'it')).toBe('A note no template knows.');
  });
});
