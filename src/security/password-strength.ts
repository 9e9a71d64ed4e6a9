/**
 * Password strength: a minimum length, then the zxcvbn-ts estimator with the common
 * (breached and frequent passwords), English, French and Italian dictionaries.
 * Feedback comes back as the estimator's translation keys so the web app can show it
 * in the user's language.
 *
 * @example
 *   checkPasswordStrength('password1234').ok // false, warning 'similarToCommon'
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';
import * as it from '@zxcvbn-ts/language-it';
import { MIN_PASSWORD_LENGTH } from './passwords';

/** zxcvbn scores 0–4; 3 means "safely unguessable" (about 10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordVerdict {
  ok: boolean;
  /** 'too_short' or the estimator's warning key (e.g. 'common', 'similarToCommon'), if any. */
  warning: string | null;
  /** The estimator's suggestion keys (e.g. 'anotherWord'). */
  suggestions: string[];
}

const identity = <T extends object>(messages: T) =>
  Object.fromEntries(Object.keys(messages).map((k) => [k, k])) as { [K in keyof T]: string };

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  // Built on first use: loading the dictionaries takes a moment, and not every process checks passwords.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary, ...it.dictionary },
    graphs: common.adjacencyGraphs,
    translations: {
      ...en.translations,
      warnings: identity(en.translations.warnings),
      suggestions: identity(en.translations.suggestions),
    },
  });
  return factory;
}

/** Judges a new password; userInputs (email, name, organisation) count as easy to guess. */
export function checkPasswordStrength(password: string, userInputs: string[] = []): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, warning: 'too_short', suggestions: [] };
  // The estimator's cost grows with length; beyond 100 characters the prefix decides.
  const inputs = userInputs.flatMap((u) => [u, ...u.split(/[@.\s_-]+/)]).filter((u) => u.length >= 3);
  const result = estimator().check(password.slice(0, 100), inputs);
  return {
    ok: result.score >= MIN_PASSWORD_SCORE,
    warning: result.feedback.warning || null,
    suggestions: result.feedback.suggestions,
  };
}
