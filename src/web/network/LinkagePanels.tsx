/** Running network linkage with live progress, and storing the organisation's copy of the network secret: counts only, never identities. */
import { Fragment, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import type { LinkageJob, LinkageStatus } from '../../server/api-types';
import { useIdempotencyKey } from '../api/idempotency';
import { formatDate, formatDateTime } from '../i18n/dates';
import { LinkageModelPanel } from './LinkageModel';

const PHASES = ['encode', 'validate', 'block', 'compare', 'cluster'] as const;
const SHOWN_STATS = ['records', 'sources', 'possiblePairs', 'candidatePairs', 'matches', 'review', 'clusters'] as const;
const MIN_SECRET_LENGTH = 16;

/** Overall share done: each phase is a fifth of the run. */
function overallPercent(job: LinkageJob): number {
  const phase = Math.max(0, PHASES.indexOf(job.phase));
  return Math.round(((phase + (job.total > 0 ? Math.min(1, job.done / job.total) : 0)) / PHASES.length) * 100);
}

export function useLinkageStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['linkage-status'],
    enabled,
    queryFn: () => api<LinkageStatus>('/api/linkage/status'),
    // Poll only while a run is in progress.
    refetchInterval: (query) => (query.state.data?.job?.state === 'running' ? 400 : false),
  });
}

function Counts({ stats }: { stats: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts">
      {SHOWN_STATS.filter((key) => key in stats).map((key) => (
        <Fragment key={key}>
          <dt>{t(`linkageUi.runs.stats.${key}`)}</dt>
          <dd>{stats[key].toLocaleString(i18n.language)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function LinkageRunPanel({ status }: { status: LinkageStatus }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  // One key per start: a double click queues one run.
  const idem = useIdempotencyKey();
  const start = useMutation({
    mutationFn: () => api<LinkageJob>('/api/linkage/runs', { method: 'POST', idempotencyKey: idem.key }),
    onSuccess: () => {
      idem.renew();
      return client.invalidateQueries({ queryKey: ['linkage-status'] });
    },
  });
  const job = status.job;
  const running = job?.state === 'running';
  const date = (iso: string) => formatDateTime(iso);
  return (
    <section className="card" aria-labelledby="linkage-runs-title">
      <h2 id="linkage-runs-title">{t('linkageUi.runs.title')}</h2>
      <p className="muted">{t('linkageUi.runs.intro')}</p>
      <ul>
        <li>{t('linkageUi.runs.participating', { count: status.participatingOrganisations })}</li>
        <li>{t('linkageUi.runs.ownEncodings', { count: status.encodings })}</li>
      </ul>
      <ErrorMessage error={start.error} />
      <button type="button" disabled={running || start.isPending} onClick={() => start.mutate()}>
        {t('linkageUi.runs.start')}
      </button>
      {running && job && (
        <div role="status" className="linkage-progress">
          <p>
            <strong>{t('linkageUi.runs.running')}</strong>: {t(`linkageUi.runs.phases.${job.phase}`)}
          </p>
          <progress max={100} value={overallPercent(job)} aria-label={t('linkageUi.runs.progress')}>
            {overallPercent(job)}%
          </progress>{' '}
          {overallPercent(job)}%
        </div>
      )}
      {job?.state === 'failed' && (
        <p className="alert alert-error" role="alert">
          {t('linkageUi.runs.failed', {
            reason: t(`linkageUi.failures.${job.errorCode}`, { defaultValue: t('linkageUi.failures.linkage_failed') }),
          })}
        </p>
      )}
      {job?.state === 'succeeded' && job.summary && (
        <div>
          <Notice>
            {t('linkageUi.runs.succeeded', {
              records: job.summary.stats.records ?? 0,
              persons: job.summary.personsDeduplicated,
            })}
          </Notice>
          <ul>
            {job.summary.organisations.map((o) => (
              <li key={o.name}>{t('linkageUi.runs.encodedBy', { name: o.name, count: o.encoded })}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('linkageUi.runs.lastRun')}</h3>
      {status.lastRun ? (
        <>
          <p>{t('linkageUi.runs.finishedAt', { date: date(status.lastRun.finishedAt) })}</p>
          <Counts stats={status.lastRun.stats} />
          <LinkageModelPanel
            model={status.lastRun.model}
            caps={job?.summary?.runId === status.lastRun.id ? job.summary.organisations : undefined}
          />
        </>
      ) : (
        <p className="muted">{t('linkageUi.runs.never')}</p>
      )}
    </section>
  );
}

export function LinkageSecretPanel({ status }: { status: LinkageStatus }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [secret, setSecret] = useState('');
  const save = useMutation({
    mutationFn: (value: string) => api<void>('/api/linkage/secret', { method: 'PUT', body: { secret: value } }),
    onSuccess: () => {
      setSecret('');
      void client.invalidateQueries({ queryKey: ['linkage-status'] });
    },
  });
  const tooShort = secret.length > 0 && secret.length < MIN_SECRET_LENGTH;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (secret.length >= MIN_SECRET_LENGTH) save.mutate(secret);
  };
  return (
    <section className="card" aria-labelledby="linkage-secret-title">
      <h2 id="linkage-secret-title">{t('linkageUi.secret.title')}</h2>
      <p className="muted">{t('linkageUi.secret.intro')}</p>
      <p>
        {status.secret.set && status.secret.updatedAt
          ? t('linkageUi.secret.statusSet', {
              date: formatDate(status.secret.updatedAt),
            })
          : t('linkageUi.secret.statusMissing')}
      </p>
      {status.secret.fingerprint && (
        <p>{t('linkageUi.secret.fingerprint', { fingerprint: status.secret.fingerprint })}</p>
      )}
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('linkageUi.secret.label')}</span>
          <input
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            aria-invalid={tooShort}
            aria-describedby="linkage-secret-hint"
          />
          <small id="linkage-secret-hint">{t('linkageUi.secret.hint', { count: MIN_SECRET_LENGTH })}</small>
        </label>
        <ErrorMessage error={save.error} />
        {save.isSuccess && <Notice>{t('linkageUi.secret.saved')}</Notice>}
        <button type="submit" disabled={save.isPending || secret.length < MIN_SECRET_LENGTH}>
          {t('linkageUi.secret.save')}
        </button>
      </form>
    </section>
  );
}
