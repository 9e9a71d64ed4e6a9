/** Refer or transfer to a network partner: needs her consent for that partner; the minimum is shared by default. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useLabel, type CaseDetail } from '../../api/cases';
import { Link } from 'react-router-dom';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { Check, CodeSelect } from '../fields';
import type { ReferralRow as CaseReferral } from '../../../server/api-types';
import { useIdempotencyKey } from '../../api/idempotency';

const OPTIONAL = ['identity', 'identification', 'legal', 'risk_level'];

export function ReferralsTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const client = useQueryClient();
  // Always fresh: a withdrawal or the partner's answer may have changed a status since.
  const sent = useQuery({
    queryKey: ['referrals', 'case', c.id],
    queryFn: () => api<{ referrals: CaseReferral[] }>(`/api/cases/${c.id}/referrals`),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const partners = useQuery({
    queryKey: ['partners'],
    queryFn: () => api<{ partners: { id: string; name: string }[] }>('/api/network/partners'),
  });
  const [form, setForm] = useState({
    toOrganisationId: '',
    kind: 'referral',
    requestedService: '',
    sections: [] as string[],
  });
  // One key per submission: a double click sends one referral.
  const idem = useIdempotencyKey();
  const send = useMutation({
    mutationFn: () =>
      api<{ id: string; status: string }>(`/api/cases/${c.id}/referrals`, {
        method: 'POST',
        body: form,
        idempotencyKey: idem.key,
      }),
    onSuccess: () => {
      idem.renew();
      return client.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
  const unique = [...new Map((partners.data?.partners ?? []).map((p) => [p.id, p])).values()];
  const rows = sent.data?.referrals ?? [];
  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="case-referrals-title">
        <h2 id="case-referrals-title">{t('caseUi.caseReferrals')}</h2>
        <ErrorMessage error={sent.error} />
        {sent.data && rows.length === 0 && <p className="muted">{t('net.none')}</p>}
        {rows.length > 0 && (
          <ul className="entries">
            {rows.map((r) => (
              <li key={r.id}>
                <Link to={`/referrals/${r.id}`}>{new Date(r.createdAt).toLocaleDateString(i18n.language)}</Link> ·{' '}
                {r.toName} · {t(`net.kinds.${r.kind}`)} · {label('services', r.requestedService)} ·{' '}
                <strong>{t(`net.statuses.${r.status}`)}</strong>
                {r.status === 'consent_withdrawn' && (
                  <p className="alert alert-info" data-testid="referral-consent-withdrawn">
                    {t('caseUi.referralConsentWithdrawn', { partner: r.toName })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="referral-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <h2 id="referral-title">{t('caseUi.sendReferral')}</h2>
          <p className="muted">{t('caseUi.referralIntro')}</p>
          <label className="field">
            <span>{t('caseUi.partner')}</span>
            <select
              required
              value={form.toOrganisationId}
              onChange={(e) => setForm({ ...form, toOrganisationId: e.target.value })}
            >
              <option value="">{t('caseUi.choose')}</option>
              {unique.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('caseUi.referralKind')}</span>
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="referral">{t('caseUi.kindReferral')}</option>
              <option value="transfer">{t('caseUi.kindTransfer')}</option>
            </select>
          </label>
          <CodeSelect
            label={t('caseUi.requestedService')}
            listKey="services"
            required
            value={form.requestedService}
            onChange={(requestedService) => setForm({ ...form, requestedService })}
          />
          <fieldset className="checks">
            <legend>{t('caseUi.alsoShare')}</legend>
            {OPTIONAL.map((s) => (
              <Check
                key={s}
                label={t(`caseUi.sections_.${s}`)}
                checked={form.sections.includes(s)}
                onChange={(on) =>
                  setForm({ ...form, sections: on ? [...form.sections, s] : form.sections.filter((x) => x !== s) })
                }
              />
            ))}
          </fieldset>
          <p className="muted">{t('caseUi.neverShared')}</p>
          <ErrorMessage error={send.error} />
          {send.isSuccess && <Notice>{t('caseUi.referralSent')}</Notice>}
          <div className="actions">
            <button type="submit" disabled={send.isPending}>
              {t('caseUi.send')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
