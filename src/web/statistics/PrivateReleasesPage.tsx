/**
 * Differentially private network releases: pick a network, see its privacy
 * budget and ledger, release a noisy person count (or get the stored one back
 * for free), and, for the lead organisation, set the budget.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { NetworkList } from '../../server/api-types';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import { EChart } from './EChart';
import type { z } from 'zod';
import type { PrivacyLedgerSchema, PrivateReleaseSchema } from '../../server/routes/statistics/privacy';
import { DIMENSIONS, POPULATIONS, ReportView, type Report } from './ReportView';
import { useIdempotencyKey } from '../api/idempotency';
import { formatDateTime } from '../i18n/dates';

/** Inferred from the server's route schemas. */
type LedgerView = z.infer<typeof PrivacyLedgerSchema>;
type Release = z.infer<typeof PrivateReleaseSchema>;

export function PrivateReleasesPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const networks = useQuery({
    queryKey: ['networks'],
    queryFn: () => api<NetworkList>('/api/networks'),
  });
  const active = (networks.data?.networks ?? []).filter((n) => n.myStatus === 'active');
  const [networkId, setNetworkId] = useState('');
  useEffect(() => {
    if (!networkId && active.length) setNetworkId(active[0].id);
  }, [active, networkId]);
  const ledger = useQuery({
    queryKey: ['privacy-ledger', networkId],
    enabled: Boolean(networkId),
    queryFn: () => api<LedgerView>(`/api/statistics/releases/${networkId}`),
  });
  const year = new Date().getUTCFullYear();
  const [form, setForm] = useState({
    population: 'assisted_persons',
    rows: 'year',
    cols: 'all',
    from: String(year - 3),
    to: String(year),
    epsilon: '0.5',
    mechanism: 'geometric',
  });
  const [shown, setShown] = useState<Release | null>(null);
  // A double click must not spend the privacy budget twice: one key per submission.
  const idem = useIdempotencyKey();
  const release = useMutation({
    mutationFn: () =>
      api<Release>('/api/statistics/releases', {
        method: 'POST',
        body: { networkId, ...form, from: Number(form.from), to: Number(form.to), epsilon: Number(form.epsilon) },
        idempotencyKey: idem.key,
      }),
    onSuccess: (data) => {
      idem.renew();
      setShown(data);
      void client.invalidateQueries({ queryKey: ['privacy-ledger', networkId] });
    },
  });
  const open = useMutation({
    mutationFn: (key: string) => api<Release>(`/api/statistics/releases/${networkId}/${key}`),
    onSuccess: (data) => setShown(data),
  });
  const [budgetInput, setBudgetInput] = useState('');
  const setBudget = useMutation({
    mutationFn: () =>
      api<LedgerView>(`/api/statistics/releases/${networkId}/budget`, {
        method: 'PUT',
        body: { totalEpsilon: Number(budgetInput) },
      }),
    onSuccess: (data) => client.setQueryData(['privacy-ledger', networkId], data),
  });
  const l = ledger.data;
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 });
  const chart = useMemo(
    () =>
      l && {
        tooltip: {},
        legend: { top: 0 },
        grid: { left: 10, right: 10, top: 30, bottom: 20, containLabel: true },
        xAxis: { type: 'value', max: l.budget.total },
        yAxis: { type: 'category', data: [t('privacyUi.budget')] },
        series: [
          ...[...l.releases].reverse().map((r, i) => ({
            type: 'bar',
            stack: 'budget',
            name: `${i + 1}. ${t(`stats.populations.${r.query.population}`)} × ${t(`stats.dimensions.${r.query.rows}`)}`,
            data: [r.epsilon],
          })),
          {
            type: 'bar',
            stack: 'budget',
            name: t('privacyUi.remainingSeries'),
            data: [l.budget.remaining],
            itemStyle: { color: '#d9dee4' },
          },
        ],
      },
    [l, i18n.language],
  );

  return (
    <section>
      <h1>{t('privacyUi.title')}</h1>
      <p className="muted">{t('privacyUi.intro')}</p>
      <ErrorMessage error={networks.error ?? ledger.error} />
      {networks.data && active.length === 0 && <p>{t('privacyUi.noNetwork')}</p>}
      {active.length > 0 && (
        <label className="field">
          <span>{t('privacyUi.network')}</span>
          <select
            value={networkId}
            onChange={(e) => {
              setNetworkId(e.target.value);
              setShown(null);
            }}
          >
            {active.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {l && (
        <section className="card" aria-labelledby="budget-title">
          <h2 id="budget-title">{t('privacyUi.budget')}</h2>
          <p>
            <meter min={0} max={l.budget.total} value={l.budget.spent} aria-label={t('privacyUi.budget')} />{' '}
            {t('privacyUi.budgetText', {
              spent: fmt.format(l.budget.spent),
              total: fmt.format(l.budget.total),
              remaining: fmt.format(l.budget.remaining),
            })}
          </p>
          {chart && l.releases.length > 0 && <EChart option={chart} label={t('privacyUi.chartLabel')} height={160} />}
          {l.canSetBudget && (
            <form
              className="inline-form"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                setBudget.mutate();
              }}
            >
              <label className="field">
                <span>{t('privacyUi.totalEpsilon')}</span>
                <input
                  type="number"
                  min={0.01}
                  max={100}
                  step={0.01}
                  required
                  value={budgetInput}
                  placeholder={String(l.budget.total)}
                  onChange={(e) => setBudgetInput(e.target.value)}
                />
              </label>
              <button type="submit" className="secondary" disabled={setBudget.isPending}>
                {t('privacyUi.saveBudget')}
              </button>
              <ErrorMessage error={setBudget.error} />
            </form>
          )}
        </section>
      )}
      {networkId && (
        <form
          className="card filters"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            release.mutate();
          }}
        >
          <label className="field">
            <span>{t('stats.population')}</span>
            <select value={form.population} onChange={(e) => setForm({ ...form, population: e.target.value })}>
              {POPULATIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`stats.populations.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('stats.rows')}</span>
            <select value={form.rows} onChange={(e) => setForm({ ...form, rows: e.target.value })}>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`stats.dimensions.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('stats.columns')}</span>
            <select value={form.cols} onChange={(e) => setForm({ ...form, cols: e.target.value })}>
              <option value="all">{t('stats.dimensions.all')}</option>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`stats.dimensions.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('stats.from')}</span>
            <input
              type="number"
              min={1990}
              max={2100}
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('stats.to')}</span>
            <input
              type="number"
              min={1990}
              max={2100}
              value={form.to}
              onChange={(e) => setForm({ ...form, to: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('privacyUi.epsilon')}</span>
            <input
              type="number"
              min={0.01}
              max={10}
              step={0.01}
              required
              value={form.epsilon}
              aria-describedby="epsilon-hint"
              onChange={(e) => setForm({ ...form, epsilon: e.target.value })}
            />
            <small id="epsilon-hint">{t('privacyUi.epsilonHint')}</small>
          </label>
          <label className="field">
            <span>{t('privacyUi.mechanism')}</span>
            <select value={form.mechanism} onChange={(e) => setForm({ ...form, mechanism: e.target.value })}>
              {(['geometric', 'laplace'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`privacyUi.mechanisms.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="actions">
            <button type="submit" disabled={release.isPending}>
              {release.isPending ? t('privacyUi.releasing') : t('privacyUi.release')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={release.error ?? open.error} />
      {shown && (
        <>
          <Notice>
            {shown.reused ? t('privacyUi.reused') : t('privacyUi.spentNow', { epsilon: fmt.format(shown.epsilon) })}
          </Notice>
          <ReportView report={shown.report} />
          <p className="actions">
            <a
              className="button"
              href={`/api/statistics/releases/${networkId}/${shown.releaseKey}?format=csv`}
              download
            >
              {t('privacyUi.exportCsv')}
            </a>
            <a
              className="button"
              href={`/api/statistics/releases/${networkId}/${shown.releaseKey}?format=ctdc`}
              download
            >
              {t('privacyUi.exportCtdc')}
            </a>
          </p>
        </>
      )}
      {l && (
        <section className="card" aria-labelledby="ledger-title">
          <h2 id="ledger-title">{t('privacyUi.ledger')}</h2>
          {l.releases.length === 0 ? (
            <p>{t('privacyUi.noReleases')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('privacyUi.ledger')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('privacyUi.when')}</th>
                    <th scope="col">{t('privacyUi.what')}</th>
                    <th scope="col">{t('privacyUi.epsilon')}</th>
                    <th scope="col">{t('privacyUi.requestedBy')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('privacyUi.open')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {l.releases.map((r) => (
                    <tr key={r.releaseKey}>
                      <td>{formatDateTime(r.createdAt)}</td>
                      <td>
                        {t(`stats.populations.${r.query.population}`)} · {t(`stats.dimensions.${r.query.rows}`)} ×{' '}
                        {t(`stats.dimensions.${r.query.cols}`)} · {r.query.from}–{r.query.to} ·{' '}
                        {t(`privacyUi.mechanisms.${r.mechanism}`)}
                      </td>
                      <td>{fmt.format(r.epsilon)}</td>
                      <td>{r.requestedBy}</td>
                      <td>
                        <button type="button" className="link-button" onClick={() => open.mutate(r.releaseKey)}>
                          {t('privacyUi.open')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
