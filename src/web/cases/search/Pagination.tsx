/** Page numbers for a list whose total may be capped ("more than 10,000"): first, last, and the pages near the current one. */
import { useTranslation } from 'react-i18next';

/** Page numbers to show (1-based), with null where pages are skipped. */
export function pageWindow(current: number, pages: number, around = 2): (number | null)[] {
  const shown = new Set([1, pages]);
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1] > 1 ? [null, p] : [p]));
}

export function Pagination(props: {
  offset: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const current = Math.floor(props.offset / props.pageSize) + 1;
  if (pages <= 1 && !props.totalCapped) return null;
  const go = (page: number) => props.onOffset((page - 1) * props.pageSize);
  return (
    <nav className="pagination actions" aria-label={t('searchUi.pages')}>
      <button type="button" className="secondary" disabled={current <= 1} onClick={() => go(current - 1)}>
        {t('caseUi.previous')}
      </button>
      {pageWindow(current, pages).map((page, i) =>
        page === null ? (
          <span key={`gap-${i}`} aria-hidden="true">
            …
          </span>
        ) : (
          <button
            key={page}
            type="button"
            className={page === current ? undefined : 'secondary'}
            aria-current={page === current ? 'page' : undefined}
            aria-label={t('searchUi.page', { page })}
            onClick={() => go(page)}
          >
            {page}
          </button>
        ),
      )}
      <button
        type="button"
        className="secondary"
        disabled={current >= pages && !props.totalCapped}
        onClick={() => go(current + 1)}
      >
        {t('caseUi.next')}
      </button>
      <span className="muted">
        {t(props.totalCapped ? 'searchUi.pageOfMore' : 'searchUi.pageOf', { page: current, pages })}
      </span>
    </nav>
  );
}
