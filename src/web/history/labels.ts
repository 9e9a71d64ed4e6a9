/**
 * Labels of audit actions and case events in the language the person reads (historyUi), from the
 * same catalogue the server uses (src/domain/audit/history-codes.ts): a code no label knows is
 * written readable, never shown raw.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { historyLabel, readableCode, type HistoryGroup } from '../../domain/audit/history-codes';

export function useHistoryLabel() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (group: HistoryGroup, code: string) =>
      historyLabel(group, code, (key, params) => {
        const full = `historyUi.${key}`;
        return i18n.exists(full) ? t(full, params) : undefined;
      }),
    [t, i18n],
  );
}

/** The label of what an entry is about (case, user, referral, …). */
export function useEntityLabel() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (type: string) =>
      i18n.exists(`historyUi.entities.${type}`) ? t(`historyUi.entities.${type}`) : readableCode(type),
    [t, i18n],
  );
}
