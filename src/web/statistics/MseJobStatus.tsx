/** A running MSE job's progress (replicates done of all), and a failed job's reason, in the reader's language. */
import { useTranslation } from 'react-i18next';
import type { MseJob } from '../../server/api-types';

/** After this long the page says the job is still running and may be left to finish on its own. */
const STILL_RUNNING_MS = 15_000;

/** `job` is null between the submission and the server's first answer. */
export function MseJobProgress({ job, onStop }: { job: MseJob | null; onStop: () => void }) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const phase = job?.phase ?? 'queued';
  const counted = job !== null && job.total > 0;
  const text = !counted
    ? t(`mseJobs.phases.${phase}`)
    : t(`mseJobs.counted.${phase === 'bootstrap' ? 'bootstrap' : 'fit'}`, {
        done: fmt.format(job.done),
        total: fmt.format(job.total),
      });
  const still = job !== null && Date.now() - new Date(job.startedAt).getTime() > STILL_RUNNING_MS;
  const percent = counted ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  return (
    <div className="mse-job" data-testid="mse-job-progress">
      <p role="status">{text}</p>
      <div
        role="progressbar"
        aria-label={t('mseJobs.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={counted ? job.total : 1}
        {...(counted ? { 'aria-valuenow': job.done, 'aria-valuetext': text } : {})}
        style={{ height: 8, background: '#e3e7ee', borderRadius: 4, overflow: 'hidden', maxWidth: 480 }}
      >
        <div style={{ width: `${percent}%`, height: '100%', background: '#1d4f91' }} />
      </div>
      {still && <p className="muted">{t('mseJobs.stillRunning')}</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={onStop}>
          {t('mseJobs.stopFollowing')}
        </button>
      </div>
    </div>
  );
}

/** A failed job: its code (never a message quoting the table) read as a sentence. */
export function MseJobFailure({ code }: { code: string | null }) {
  const { t, i18n } = useTranslation();
  const own = `mseJobs.errors.${code ?? 'mse_failed'}`;
  const shared = `errors.${code ?? 'generic'}`;
  const text = i18n.exists(own)
    ? t(own)
    : i18n.exists(shared)
      ? t(shared)
      : t('mseJobs.errors.unknown', { code: code ?? '' });
  return (
    <p className="alert alert-error" role="alert" data-testid="mse-job-error">
      {text}
    </p>
  );
}
