/**
 * While she types an intake: persons of her organisation who may be the same person (the case
 * list's matching, GET /api/cases/possible-matches, debounced). Offers to open the existing case,
 * or to open a new case for that person (her identity reused) when her cases are closed.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PossibleMatches } from '../../../server/api-types';
import { api } from '../../api/client';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function PossibleMatches(props: { givenName: string; familyName: string; dateOfBirth: string }) {
  const { t } = useTranslation();
  const key = [props.givenName.trim(), props.familyName.trim(), props.dateOfBirth].join('\u0000');
  const [given, family, dob] = useDebounced(key, 400).split('\u0000');
  const params = new URLSearchParams(
    Object.entries({ given, family, dob }).filter(([, v]) => v !== '') as [string, string][],
  );
  const enabled = given.length >= 2 && (family.length >= 2 || dob !== '');
  const matches = useQuery({
    queryKey: ['possible-matches', params.toString()],
    queryFn: () => api<PossibleMatches>(`/api/cases/possible-matches?${params}`),
    enabled,
    staleTime: 30_000,
  });
  const found = enabled ? (matches.data?.matches ?? []) : [];
  return (
    <div role="status" aria-live="polite">
      {found.length > 0 && (
        <div className="card notice">
          <h2>{t('searchUi.duplicateTitle')}</h2>
          <p>{t('searchUi.duplicateIntro')}</p>
          <ul>
            {found.map((m) => (
              <li key={m.personId}>
                <strong>{t(`searchUi.strengths.${m.strength}`)}</strong> · {m.reference} ·{' '}
                {t(`caseUi.statuses.${m.status}`)} ·{' '}
                <Link to={`/cases/${m.caseId}`}>{t('searchUi.openExisting', { reference: m.reference })}</Link>
                {m.hasOpenCase ? (
                  <> · {t('searchUi.hasOpenCase')}</>
                ) : (
                  <>
                    {' '}
                    · <Link to={`/cases/new?from=${m.caseId}`}>{t('searchUi.reusePerson')}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
