/**
 * The Palermo derivation as the server computed it, step by step. The overview and the
 * identification tab both render this one component from the same server field, so they
 * cannot show different results.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { CaseDetail } from '../api/cases';

export function DerivationCard({
  identification,
  headingId,
}: {
  identification: NonNullable<CaseDetail['identification']>;
  headingId: string;
}) {
  const { t } = useTranslation();
  const { derivation, minorBasis } = identification;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="palermo-derivation">
      <h2 id={headingId}>{t('caseUi.derivation')}</h2>
      <p>
        <strong>{t(`caseUi.${derivation.resultKey}`)}</strong>
      </p>
      <ol>
        {derivation.steps.map((s) => (
          <li key={s.explanationKey}>
            {s.satisfied ? '✓ ' : '✗ '}
            {t(`caseUi.${s.explanationKey}`)}
          </li>
        ))}
      </ol>
      {minorBasis && <p className="muted">{t(`caseUi.minorBasis.${minorBasis}`)}</p>}
    </section>
  );
}

/** The server's message for one field of a rejected request, in the user's language. */
export function useFieldError(error: unknown) {
  const { t, i18n } = useTranslation();
  return (field: string): string | undefined => {
    if (!(error instanceof ApiError) || !Array.isArray(error.details)) return undefined;
    const detail = (error.details as { path?: unknown[]; code?: string }[]).find(
      (d) => Array.isArray(d.path) && d.path[d.path.length - 1] === field,
    );
    if (!detail) return undefined;
    const key = `caseUi.fieldErrors.${detail.code}`;
    return i18n.exists(key) ? t(key) : t('caseUi.fieldErrors.invalid');
  };
}
