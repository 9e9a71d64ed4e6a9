/**
 * Where the MSE page's table comes from (issue #21): a capture-history file, or the network's own records,
 * which the job builds on the server from Ariadne's linkage. With the network's records the interval may
 * include linkage error: every bootstrap replicate redraws the latest linkage run's uncertain links.
 */
import { useTranslation } from 'react-i18next';
import type { LinkageStatus } from '../../server/api-types';
import { MseJobFailure } from './MseJobStatus';

export type MseSource = 'file' | 'network';
export type NetworkLists = 'organisation' | 'channel';

/** Refusals of the network table that belong at the linkage-error field rather than under the form. */
export const LINKAGE_REFUSALS = ['no_linkage_run', 'linkage_changed'];

export function MseSourceChoice({
  source,
  onChange,
  allowed,
}: {
  source: MseSource;
  onChange: (source: MseSource) => void;
  /** Whether the policy lets this user estimate from the network's records (computed by the server). */
  allowed: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="checks" aria-describedby="mse-source-hint">
      <legend>{t('mseJobs.source.legend')}</legend>
      <label className="checkbox">
        <input type="radio" name="mse-source" checked={source === 'file'} onChange={() => onChange('file')} />
        {t('mseJobs.source.file')}
      </label>
      <label className="checkbox">
        <input
          type="radio"
          name="mse-source"
          checked={source === 'network'}
          disabled={!allowed}
          onChange={() => onChange('network')}
        />
        {t('mseJobs.source.network')}
      </label>
      <small id="mse-source-hint">{allowed ? t('mseJobs.source.networkHint') : t('mseJobs.source.notAllowed')}</small>
    </fieldset>
  );
}

export function MseNetworkFields({
  by,
  onBy,
  linkageError,
  onLinkageError,
  status,
  refusal,
}: {
  by: NetworkLists;
  onBy: (by: NetworkLists) => void;
  linkageError: boolean;
  onLinkageError: (on: boolean) => void;
  /** The linkage set-up, when this user may read it; undefined otherwise (no hint about runs then). */
  status: LinkageStatus | undefined;
  /** The code of the job's refusal that concerns the linkage (no run, or it changed meanwhile). */
  refusal: string | null;
}) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const run = status?.lastRun;
  return (
    <>
      <label className="field">
        <span>{t('stats.listsBy')}</span>
        <select value={by} onChange={(e) => onBy(e.target.value as NetworkLists)}>
          <option value="organisation">{t('stats.listsByOrganisation')}</option>
          <option value="channel">{t('stats.listsByChannel')}</option>
        </select>
      </label>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={linkageError}
            onChange={(e) => onLinkageError(e.target.checked)}
            aria-describedby="mse-linkage-hint"
            aria-invalid={refusal ? true : undefined}
          />
          {t('mseJobs.network.linkageError')}
        </label>
        <small id="mse-linkage-hint">
          {t('mseJobs.network.linkageErrorHint')}{' '}
          {status &&
            (run
              ? t('mseJobs.network.lastRun', { date: date.format(new Date(run.finishedAt)) })
              : t('mseJobs.network.noRun'))}
        </small>
        {refusal && <MseJobFailure code={refusal} />}
      </div>
    </>
  );
}
