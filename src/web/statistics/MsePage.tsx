/**
 * Multiple systems estimation: upload or paste a capture-history table, see the estimate, its intervals, the
 * model and warnings. Every fit runs as a job on the server (POST /api/mse/jobs): the page follows it with a
 * progress bar of the bootstrap replicates instead of holding one long request open, and a table with a
 * stratum column can be estimated per stratum.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import { Field } from '../cases/fields';
import { EChart } from './EChart';
import type { CaptureHistories, MseJob } from '../../server/api-types';
import { useIdempotencyKey } from '../api/idempotency';
import { useSession } from '../api/session';
import { useLinkageStatus } from '../network/LinkagePanels';
import { MseDiagnostics } from './MseDiagnostics';
import { MseHeterogeneity } from './MseHeterogeneity';
import { MseJobProgress, MseJobFailure } from './MseJobStatus';
import {
  LINKAGE_REFUSALS,
  MseNetworkFields,
  MseSourceChoice,
  type MseSource,
  type NetworkLists,
} from './MseNetworkSource';
import { MseStrata, stratumColumns } from './MseStrata';
import { MseWorkbench } from './MseWorkbench';

/** How often a running job is asked for its progress. */
const POLL_MS = 500;

export function MsePage() {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const [csv, setCsv] = useState('');
  const [xlsx, setXlsx] = useState<{ name: string; base64: string } | null>(null);
  const [by, setBy] = useState('organisation');
  const build = useMutation({
    mutationFn: () => api<CaptureHistories>(`/api/mse/capture-histories?by=${by}`),
    onSuccess: (table) => {
      setXlsx(null);
      setCsv(table.csv);
    },
  });
  const permissions = useSession().data?.permissions;
  const [source, setSource] = useState<MseSource>('file');
  const network = source === 'network';
  const [networkBy, setNetworkBy] = useState<NetworkLists>('organisation');
  const linkageStatus = useLinkageStatus(network && Boolean(permissions?.runLinkage));
  /** Null until she ticks or unticks it: then the box follows whether a finished linkage run exists. */
  const [linkageChoice, setLinkageChoice] = useState<boolean | null>(null);
  const linkageError = linkageChoice ?? Boolean(linkageStatus.data?.lastRun);
  const [bootstrap, setBootstrap] = useState('200');
  const [intervalMethod, setIntervalMethod] = useState<'bca' | 'percentile'>('bca');
  const [method, setMethod] = useState<'stepwise' | 'main' | 'fixed' | 'lcmcr'>('stepwise');
  const [terms, setTerms] = useState('');
  const [lcmcrSamples, setLcmcrSamples] = useState('2000');
  const [removeLists, setRemoveLists] = useState(false);
  const [stratifyBy, setStratifyBy] = useState('');
  const [save, setSave] = useState({ label: '', geography: '', period: '' });
  // Only columns of the table in the box can stratify it; a stale choice is dropped when the table changes.
  const columns = useMemo(() => (xlsx || network ? [] : stratumColumns(csv)), [csv, xlsx, network]);
  const stratum = columns.includes(stratifyBy) ? stratifyBy : '';
  // Saving an estimate creates a record: one key per submission.
  const idem = useIdempotencyKey();
  const queryClient = useQueryClient();
  /** The job being followed, and whether it saves to the registry. */
  const [followed, setFollowed] = useState<{ id: string; saving: boolean } | null>(null);
  /** The last finished job whose result is shown: it stays while a new job (e.g. the save) runs. */
  const [shown, setShown] = useState<MseJob | null>(null);
  const submit = useMutation({
    mutationFn: (withSave: boolean) =>
      api<MseJob>('/api/mse/jobs', {
        method: 'POST',
        body: {
          ...(network ? { network: { by: networkBy, linkageError } } : xlsx ? { xlsx: xlsx.base64 } : { csv }),
          bootstrap: Number(bootstrap),
          // With linkage error the server takes the percentile interval (BCa would undo the redrawn links).
          interval: network && linkageError ? 'percentile' : intervalMethod,
          method,
          ...(method === 'fixed'
            ? {
                terms: terms
                  .split(',')
                  .map((term) => term.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(method === 'lcmcr' ? { lcmcr: { samples: Number(lcmcrSamples) } } : {}),
          ...(removeLists ? { removeNonInformativeLists: true } : {}),
          ...(withSave ? { save } : stratum ? { stratifyBy: stratum } : {}),
        },
        idempotencyKey: idem.key,
      }),
    onSuccess: (job, withSave) => {
      idem.renew();
      queryClient.setQueryData(['mse-job', job.id], job);
      setFollowed({ id: job.id, saving: withSave });
    },
  });
  const job = useQuery({
    queryKey: ['mse-job', followed?.id],
    enabled: Boolean(followed),
    queryFn: () => api<MseJob>(`/api/mse/jobs/${followed!.id}`),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? POLL_MS : false),
  });
  const current = followed ? job.data : undefined;
  const running = submit.isPending || current?.state === 'running';
  useEffect(() => {
    if (current?.state !== 'succeeded') return;
    setShown(current);
    // The registry page caches its list: a saved estimate must be there when she opens it next.
    if (current.savedEstimateId) void queryClient.invalidateQueries({ queryKey: ['estimates'] });
  }, [current, queryClient]);
  const r = shown?.result ?? undefined;
  const failure = current?.state === 'failed' ? current.errorCode : null;
  // A refusal about the linkage shows at the linkage-error box, not under the form.
  const linkageRefusal = network && failure && LINKAGE_REFUSALS.includes(failure) ? failure : null;
  // The usual stratifying variables are named in the reader's language; any other column by its header.
  const variableName = (column: string) => {
    const key = `mseJobs.variables.${column
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')}`;
    return i18n.exists(key) ? t(key) : column;
  };
  const range = (xs?: (number | null)[]) =>
    xs ? `${fmt.format(xs[0] ?? 0)} – ${xs[1] === null ? '∞' : fmt.format(xs[1] ?? 0)}` : '—';

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (/\.xlsx$/i.test(file.name)) {
      // The server reads the first worksheet; the bytes travel as base64 in the JSON body.
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      setXlsx({ name: file.name, base64: btoa(binary) });
      setCsv('');
    } else {
      setXlsx(null);
      setCsv(await file.text());
    }
  }

  const intervals = r
    ? (
        [
          ['wald', r.interval.wald],
          ['profile', r.interval.profile],
          ['bootstrap', r.interval.bootstrap],
        ] as const
      ).filter(([, v]) => v)
    : [];
  // Every interval is named by its method; the bootstrap one says which bootstrap interval it is.
  const intervalName = (name: 'wald' | 'profile' | 'bootstrap') =>
    name === 'bootstrap' && r?.bootstrap
      ? t('stats.mse.bootstrapInterval', { method: t(`stats.mse.intervalMethods.${r.bootstrap.method}`) })
      : t(`stats.intervals.${name}`);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const pValue = (p: number | null) => (p === null ? '—' : p.toPrecision(2));
  return (
    <section>
      <h1>{t('stats.mseTitle')}</h1>
      <p className="muted">{t('stats.mseIntro')}</p>
      <section className="card" aria-labelledby="own-lists-title">
        <h2 id="own-lists-title">{t('stats.ownLists')}</h2>
        <p className="muted">{t('stats.ownListsIntro')}</p>
        <label className="field">
          <span>{t('stats.listsBy')}</span>
          <select value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="organisation">{t('stats.listsByOrganisation')}</option>
            <option value="channel">{t('stats.listsByChannel')}</option>
          </select>
        </label>
        <ErrorMessage error={build.error} />
        <div className="actions">
          <button type="button" className="secondary" disabled={build.isPending} onClick={() => build.mutate()}>
            {t('stats.buildTable')}
          </button>
        </div>
        {build.isPending && <p role="status">{t('common.loading')}</p>}
        {build.data && (
          <p role="status">
            {t('stats.tableBuilt', { persons: build.data.persons, lists: build.data.lists.length })} {build.data.note}
          </p>
        )}
      </section>
      <form
        className="card"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          submit.mutate(false);
        }}
      >
        <MseSourceChoice
          source={source}
          allowed={Boolean(permissions?.viewNetworkAggregates)}
          onChange={(next) => {
            setSource(next);
            setFollowed(null);
          }}
        />
        {network ? (
          <MseNetworkFields
            by={networkBy}
            onBy={setNetworkBy}
            linkageError={linkageError}
            onLinkageError={setLinkageChoice}
            status={linkageStatus.data}
            refusal={linkageRefusal}
          />
        ) : (
          <>
            <label className="field">
              <span>{t('stats.mseFile')}</span>
              <input
                type="file"
                accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={readFile}
              />
            </label>
            {xlsx && <p className="muted">{t('stats.xlsxChosen', { name: xlsx.name })}</p>}
            <label className="field">
              <span>{t('stats.mseTable')}</span>
              <textarea
                rows={8}
                value={csv}
                required={!xlsx}
                onChange={(e) => {
                  setXlsx(null);
                  setCsv(e.target.value);
                }}
                aria-describedby="mse-format"
              />
              <small id="mse-format">{t('stats.mseFormat')}</small>
            </label>
          </>
        )}
        <Field label={t('stats.bootstrap')} type="number" value={bootstrap} onChange={setBootstrap} />
        <label className="field">
          <span>{t('stats.mse.intervalChoice')}</span>
          <select
            value={network && linkageError ? 'percentile' : intervalMethod}
            disabled={network && linkageError}
            onChange={(e) => setIntervalMethod(e.target.value as 'bca' | 'percentile')}
            aria-describedby={network && linkageError ? 'mse-percentile-only' : undefined}
          >
            <option value="bca">{t('stats.mse.intervalMethods.bca')}</option>
            <option value="percentile">{t('stats.mse.intervalMethods.percentile')}</option>
          </select>
          {network && linkageError && <small id="mse-percentile-only">{t('mseJobs.network.percentileOnly')}</small>}
        </label>
        <label className="field">
          <span>{t('mseUi.method')}</span>
          <select value={method} onChange={(e) => setMethod(e.target.value as 'stepwise' | 'main' | 'fixed' | 'lcmcr')}>
            <option value="stepwise">{t('mseUi.methods.stepwise')}</option>
            <option value="main">{t('mseUi.methods.main')}</option>
            <option value="fixed">{t('mseUi.methods.fixed')}</option>
            <option value="lcmcr">{t('mseLcmcr.method')}</option>
          </select>
        </label>
        {method === 'lcmcr' && (
          <Field label={t('mseLcmcr.samples')} type="number" value={lcmcrSamples} onChange={setLcmcrSamples} />
        )}
        {method === 'fixed' && (
          <label className="field">
            <span>{t('mseUi.fixedTerms')}</span>
            <input value={terms} onChange={(e) => setTerms(e.target.value)} aria-describedby="mse-terms-hint" />
            <small id="mse-terms-hint">{t('mseUi.fixedTermsHint')}</small>
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={removeLists} onChange={(e) => setRemoveLists(e.target.checked)} />
          {t('mseUi.removeLists')}
        </label>
        {columns.length > 0 && (
          <label className="field">
            <span>{t('mseJobs.stratifyBy')}</span>
            <select value={stratum} onChange={(e) => setStratifyBy(e.target.value)} aria-describedby="mse-strata-hint">
              <option value="">{t('mseJobs.noStrata')}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {variableName(c)}
                </option>
              ))}
            </select>
            <small id="mse-strata-hint">{t('mseJobs.stratifyHint')}</small>
          </label>
        )}
        <ErrorMessage error={submit.error} />
        {current?.state === 'failed' && !followed?.saving && !linkageRefusal && (
          <MseJobFailure code={current.errorCode} />
        )}
        <div className="actions">
          <button type="submit" disabled={running}>
            {running ? t('stats.fitting') : t('stats.estimate')}
          </button>
        </div>
        {running && !followed?.saving && (
          <MseJobProgress job={current?.state === 'running' ? current : null} onStop={() => setFollowed(null)} />
        )}
      </form>
      {shown?.strata && <MseStrata strata={shown.strata} variable={variableName(shown.strata.by)} />}
      {r && (
        <section className="card" aria-labelledby="mse-result">
          <h2 id="mse-result">{t('stats.mseResult', { estimate: fmt.format(r.estimate ?? 0) })}</h2>
          <p>
            {t('stats.observedHidden', { observed: fmt.format(r.observed), hidden: fmt.format(r.hiddenEstimate ?? 0) })}
          </p>
          <dl className="facts">
            {intervals.map(([name, v]) => (
              <Fragment key={name}>
                <dt>{intervalName(name)}</dt>
                <dd>{range(v as (number | null)[])}</dd>
              </Fragment>
            ))}
            {r.linkageError && (
              <>
                <dt>
                  {t('mseJobs.network.linkageInterval', {
                    method: t(`stats.mse.intervalMethods.${r.linkageError.method}`),
                  })}
                </dt>
                <dd data-testid="mse-linkage-interval">{range(r.linkageError.interval)}</dd>
              </>
            )}
          </dl>
          <EChart
            height={220}
            label={t('stats.mseChart', { estimate: fmt.format(r.estimate ?? 0) })}
            option={{
              grid: { left: 110, right: 20, top: 10, bottom: 30 },
              xAxis: { type: 'value' },
              yAxis: { type: 'category', data: intervals.map(([name]) => intervalName(name)) },
              series: [
                {
                  type: 'bar',
                  stack: 'ci',
                  itemStyle: { color: 'transparent' },
                  data: intervals.map(([, v]) => (v as (number | null)[])[0]),
                },
                {
                  type: 'bar',
                  stack: 'ci',
                  itemStyle: { color: '#1d4f91' },
                  data: intervals.map(
                    ([, v]) => ((v as (number | null)[])[1] ?? (v as number[])[0]) - ((v as (number | null)[])[0] ?? 0),
                  ),
                },
              ],
            }}
          />
          <p>
            {t('stats.model')}: {r.model} · {t('stats.terms')}: {r.terms.join(', ') || t('stats.mainEffectsOnly')}
          </p>
          {r.steps.length > 0 && (
            <ol>
              {r.steps.map((s) => (
                <li key={s.term}>
                  {s.term} (p = {s.pValue.toPrecision(2)})
                </li>
              ))}
            </ol>
          )}
          {r.bootstrap && (
            <p data-testid="mse-bootstrap">
              {t('stats.mse.bootstrapFailures', {
                replicates: r.bootstrap.replicates,
                seed: r.bootstrap.seed,
                failed: r.bootstrap.failed,
                share: percent.format(r.bootstrap.failedShare),
              })}
            </p>
          )}
          <p>
            {t('stats.fit', {
              deviance: r.fit.deviance.toFixed(2),
              df: r.fit.df,
              aic: r.fit.aic === null ? '—' : r.fit.aic.toFixed(1),
            })}
          </p>
          <p data-testid="mse-gof">
            {r.fit.test === 'chi_square'
              ? t('stats.mse.gofChiSquare', { p: pValue(r.fit.pValue) })
              : r.fit.test === 'parametric_bootstrap'
                ? t('stats.mse.gofBootstrap', {
                    replicates: r.fit.replicates,
                    p: pValue(r.fit.pValue),
                    below1: r.fit.expectedBelow1,
                    below5: r.fit.expectedBelow5,
                    cells: r.fit.cells,
                  })
                : t('stats.mse.gofNone')}
          </p>
          <MseWorkbench result={r} />
          <MseHeterogeneity result={r} />
          <MseDiagnostics result={r} />
          {r.warnings.map((w) => (
            <p key={w.code + w.message} className="alert alert-error">
              {w.message}
            </p>
          ))}
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              submit.mutate(true);
            }}
            aria-labelledby="save-title"
          >
            <h3 id="save-title">{t('stats.saveToRegistry')}</h3>
            {r.linkageError && (
              <p className="muted" data-testid="mse-save-linkage">
                {t('mseJobs.network.saveNote', { run: r.linkageError.run })}
              </p>
            )}
            <Field
              label={t('stats.saveLabel')}
              required
              value={save.label}
              onChange={(label) => setSave({ ...save, label })}
            />
            <Field
              label={t('stats.geography')}
              required
              value={save.geography}
              onChange={(geography) => setSave({ ...save, geography })}
            />
            <Field
              label={t('stats.period')}
              required
              value={save.period}
              onChange={(period) => setSave({ ...save, period })}
            />
            <div className="actions">
              <button type="submit" disabled={running}>
                {t('stats.save')}
              </button>
            </div>
            {current?.state === 'failed' && followed?.saving && <MseJobFailure code={current.errorCode} />}
            {running && followed?.saving && (
              <MseJobProgress job={current?.state === 'running' ? current : null} onStop={() => setFollowed(null)} />
            )}
          </form>
          {shown?.savedEstimateId && <Notice>{t('stats.saved')}</Notice>}
        </section>
      )}
    </section>
  );
}
