/** Case list: search by partial or misspelt name or by reference (names stay encrypted), filters, sort, page numbers. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { CaseList, StaffDirectory } from '../../server/api-types';
import { useLabel } from '../api/cases';
import { ErrorMessage } from '../components/ErrorMessage';
import { STATUSES } from '../../domain/cases/lifecycle';
import { CodeSelect, Field } from './fields';
import { Pagination } from './search/Pagination';
import { RiskLevelBadge } from './risk/RiskLevelBadge';
import { formatDate } from '../i18n/dates';

const PAGE = 25;

export function CaseListPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [form, setForm] = useState({ q: '', dob: '', status: '', risk: '', ownerId: '', mine: '', sort: '' });
  const staff = useQuery({
    queryKey: ['staff'],
    queryFn: () => api<StaffDirectory>('/api/staff'),
    staleTime: 300_000,
  });
  const [query, setQuery] = useState(form);
  const [offset, setOffset] = useState(0);
  const params = new URLSearchParams(
    Object.entries({ ...query, limit: String(PAGE), offset: String(offset) }).filter(([, v]) => v !== ''),
  );
  const cases = useQuery({
    queryKey: ['cases', params.toString()],
    queryFn: () => api<CaseList>(`/api/cases?${params}`),
  });

  function search(event: FormEvent) {
    event.preventDefault();
    setOffset(0);
    setQuery(form);
  }

  return (
    <section>
      <div className="page-head">
        <h1>{t('caseUi.listTitle')}</h1>
        <Link className="button" to="/cases/new">
          {t('caseUi.newIntake')}
        </Link>
      </div>
      <form className="card filters" onSubmit={search} role="search">
        <Field
          label={t('searchUi.searchLabel')}
          value={form.q}
          onChange={(q) => setForm({ ...form, q })}
          hint={t('searchUi.searchHint')}
        />
        <Field
          label={t('caseUi.dateOfBirth')}
          type="date"
          value={form.dob}
          onChange={(dob) => setForm({ ...form, dob })}
        />
        <label className="field">
          <span>{t('caseUi.status')}</span>
          <select value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
            <option value="">{t('caseUi.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`caseUi.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <CodeSelect
          label={t('riskUi.filter')}
          listKey="risk_levels"
          name="risk"
          value={form.risk}
          onChange={(risk) => setForm({ ...form, risk })}
        />
        <label className="field">
          <span>{t('searchUi.owner')}</span>
          <select
            value={form.ownerId}
            disabled={form.mine === 'true'}
            onChange={(e) => setForm({ ...form, ownerId: e.target.value })}
          >
            <option value="">{t('searchUi.anyOwner')}</option>
            {(staff.data?.staff ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="field check">
          <input
            type="checkbox"
            checked={form.mine === 'true'}
            onChange={(e) => setForm({ ...form, mine: e.target.checked ? 'true' : '', ownerId: '' })}
          />
          <span>{t('searchUi.mine')}</span>
        </label>
        <label className="field">
          <span>{t('searchUi.sort')}</span>
          <select
            value={form.sort}
            onChange={(e) => setForm({ ...form, sort: e.target.value })}
            aria-describedby={form.sort === 'name' ? 'sort-name-note' : undefined}
          >
            <option value="">{t(form.q ? 'searchUi.sorts.relevance' : 'searchUi.sorts.updated')}</option>
            {(['updated', 'reference', 'contactDate', 'name'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`searchUi.sorts.${s}`)}
              </option>
            ))}
          </select>
          {form.sort === 'name' && (
            <small id="sort-name-note" className="muted">
              {t('searchUi.sortNameNote')}
            </small>
          )}
        </label>
        <div className="actions">
          <button type="submit">{t('caseUi.search')}</button>
        </div>
      </form>
      {cases.isPending && <p role="status">{t('common.loading')}</p>}
      <ErrorMessage error={cases.error} />
      {cases.data && (
        <>
          <p role="status">
            {cases.data.total === 0
              ? t('searchUi.noMatch')
              : t(cases.data.totalCapped ? 'caseUi.totalCapped' : 'caseUi.total', { count: cases.data.total })}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('caseUi.listTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('caseUi.reference')}</th>
                  <th scope="col">{t('caseUi.person')}</th>
                  <th scope="col">{t('caseUi.status')}</th>
                  <th scope="col">{t('riskUi.column')}</th>
                  <th scope="col">{t('caseUi.owner')}</th>
                  <th scope="col">{t('caseUi.programme')}</th>
                  <th scope="col">{t('searchUi.contactDate')}</th>
                  <th scope="col">{t('caseUi.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {cases.data.cases.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/cases/${c.id}`}>{c.reference}</Link>
                    </td>
                    <td>
                      {c.personName}
                      {c.chosenTerm && c.chosenTerm !== 'none' ? ` · ${label('chosen_terms', c.chosenTerm)}` : ''}
                      {c.isMinor ? ` · ${t('caseUi.minor')}` : ''}
                    </td>
                    <td>{t(`caseUi.statuses.${c.status}`)}</td>
                    <td>
                      <RiskLevelBadge level={c.riskLevel} />
                    </td>
                    <td>{c.owner.displayName}</td>
                    <td>{label('programme_types', c.programmeType)}</td>
                    <td>{c.contactDate ? formatDate(c.contactDate) : '—'}</td>
                    <td>{formatDate(c.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={offset}
            pageSize={PAGE}
            total={cases.data.total}
            totalCapped={cases.data.totalCapped}
            onOffset={setOffset}
          />
        </>
      )}
    </section>
  );
}
