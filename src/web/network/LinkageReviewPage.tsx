/** Record linkage across the network: runs and the secret (counts only), and possible duplicates for a coordinator to decide (similarity and coarse attributes, never names). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { SessionView } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { LinkageRunPanel, LinkageSecretPanel, useLinkageStatus } from './LinkagePanels';
import type { LinkageReview as Review, LinkageReviews } from '../../server/api-types';
import { formatDate } from '../i18n/dates';
import { ReviewEvidence } from './LinkageModel';

function ScoreBar({ score }: { score: number }) {
  const { t } = useTranslation();
  const percent = Math.round(score * 100);
  return (
    <span className="score">
      <meter min={0} max={100} low={68} high={78} optimum={100} value={percent} aria-label={t('linkageUi.similarity')}>
        {percent}%
      </meter>{' '}
      {percent}%
    </span>
  );
}

export function LinkageReviewPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { runLinkage, manageLinkageSecret, reviewLinkage } = session.permissions;
  const status = useLinkageStatus(runLinkage);
  return (
    <section>
      <h1>{t('linkageUi.pageTitle')}</h1>
      <ErrorMessage error={status.error} />
      {status.data && runLinkage && <LinkageRunPanel status={status.data} />}
      {status.data && manageLinkageSecret && <LinkageSecretPanel status={status.data} />}
      {reviewLinkage && <DuplicateReviews />}
    </section>
  );
}

function DuplicateReviews() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const reviews = useQuery({
    queryKey: ['linkage-reviews'],
    queryFn: () => api<LinkageReviews>('/api/linkage/reviews'),
  });
  const decide = useMutation({
    mutationFn: (body: { id: string; decision: 'match' | 'non_match'; version: number }) =>
      api<Review>(`/api/linkage/reviews/${body.id}`, {
        method: 'POST',
        body: { decision: body.decision, version: body.version },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['linkage-reviews'] }),
  });
  const all = reviews.data?.reviews ?? [];
  const pending = all.filter((r) => r.status === 'pending');
  const decided = all.filter((r) => r.status !== 'pending');
  const attribute = (key: string, value: string | number | boolean) =>
    `${t(`linkageUi.attributes.${key}`, { defaultValue: key })}: ${String(value)}`;

  return (
    <section aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('linkageUi.title')}</h2>
      <p className="alert alert-info">{t('linkageUi.intro')}</p>
      <ErrorMessage error={reviews.error ?? decide.error} />
      {reviews.isPending && <p role="status">{t('common.loading')}</p>}
      <section className="card" aria-labelledby="pending-title">
        <h3 id="pending-title">{t('linkageUi.pending', { count: pending.length })}</h3>
        {reviews.data && pending.length === 0 && <p className="muted">{t('linkageUi.nothingPending')}</p>}
        <ul className="review-list">
          {pending.map((r, i) => (
            <li key={r.id} className="review-item" aria-label={t('linkageUi.pair', { n: i + 1 })}>
              <p>
                <strong>{t('linkageUi.similarity')}</strong> <ScoreBar score={r.score} />
              </p>
              <div className="pair">
                {r.records.map((rec, k) => (
                  <div key={k}>
                    <strong>{rec.organisation.name}</strong>
                    {rec.own ? ` (${t('linkageUi.ours')})` : ''}
                    <ul>
                      {Object.entries(rec.attributes).map(([key, value]) => (
                        <li key={key}>{attribute(key, value)}</li>
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
              <ReviewEvidence review={r} />
              <div className="actions">
                <button
                  type="button"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'match', version: r.version })}
                >
                  {t('linkageUi.same')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ id: r.id, decision: 'non_match', version: r.version })}
                >
                  {t('linkageUi.different')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {decided.length > 0 && (
        <section className="card" aria-labelledby="decided-title">
          <h3 id="decided-title">{t('linkageUi.decided')}</h3>
          <p className="muted">{t('linkageUi.appliesNextRun')}</p>
          <ul>
            {decided.map((r) => (
              <li key={r.id}>
                {r.records.map((x) => x.organisation.name).join(' · ')} — {Math.round(r.score * 100)}% —{' '}
                <strong>{t(`linkageUi.statuses.${r.status}`)}</strong>
                {r.decidedAt ? ` (${formatDate(r.decidedAt)})` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
