/**
 * A case's referrals: those sent from this case (partner, state, urgency, dates), and the form to refer
 * or transfer to a network partner with a message, an urgency and a requested-by date. Needs her consent
 * for that partner; the minimum is shared by default. Server refusals land at the field that is wrong.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { URGENCIES, REFERRAL_MESSAGE_MAX } from '../../../domain/referrals/details';
import { api } from '../../api/client';
import { useIdempotencyKey } from '../../api/idempotency';
import { useLabel, type CaseDetail } from '../../api/cases';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { FieldError, FieldErrorSummary, useFieldErrors } from '../../components/FieldErrors';
import { Check, CodeSelect, Field } from '../fields';
import type { CustomFormList, NetworkPartners, ReferralRows, ReferralView } from '../../../server/api-types';
import { labelIn } from '../../../domain/forms/present';
import { formatDate } from '../../i18n/dates';

const OPTIONAL = ['identity', 'identification', 'legal', 'risk_level', 'documents', 'employment'];

const EMPTY = {
  toOrganisationId: '',
  kind: 'referral',
  requestedService: '',
  sections: [] as string[],
  urgency: 'routine' as (typeof URGENCIES)[number],
  requestedBy: '',
  message: '',
};

export function ReferralsTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const client = useQueryClient();
  // Always fresh: a withdrawal or the partner's answer may have changed a status since.
  const sent = useQuery({
    queryKey: ['referrals', 'case', c.id],
    queryFn: () => api<ReferralRows>(`/api/cases/${c.id}/referrals`),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const partners = useQuery({
    queryKey: ['partners'],
    queryFn: () => api<NetworkPartners>('/api/network/partners'),
  });
  // Sections her organisation's custom forms declare: their records cross only when she agreed to that section.
  const customForms = useQuery({ queryKey: ['forms', 'published'], queryFn: () => api<CustomFormList>('/api/forms') });
  const formSections = [
    ...new Map(
      (customForms.data?.forms ?? [])
        .filter((f) => f.published?.referralSection && !OPTIONAL.includes(f.published.referralSection))
        .map((f) => [f.published!.referralSection!, labelIn(f.published!.title, i18n.language)] as const),
    ),
  ];
  const [form, setForm] = useState(EMPTY);
  // One key per submission: a double click sends one referral.
  const idem = useIdempotencyKey();
  const send = useMutation({
    mutationFn: () =>
      api<ReferralView>(`/api/cases/${c.id}/referrals`, {
        method: 'POST',
        body: {
          toOrganisationId: form.toOrganisationId,
          kind: form.kind,
          requestedService: form.requestedService,
          sections: form.sections,
          urgency: form.urgency,
          ...(form.requestedBy ? { requestedBy: form.requestedBy } : {}),
          ...(form.message.trim() ? { message: form.message } : {}),
        },
        idempotencyKey: idem.key,
      }),
    onSuccess: () => {
      idem.renew();
      // A create clears the form: the next referral starts from the minimum again.
      setForm(EMPTY);
      return client.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
  const fe = useFieldErrors(send.error);
  const date = (iso: string) => formatDate(iso);
  const unique = [...new Map((partners.data?.partners ?? []).map((p) => [p.id, p])).values()];
  const rows = sent.data?.referrals ?? [];
  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="case-referrals-title">
        <h2 id="case-referrals-title">{t('caseUi.caseReferrals')}</h2>
        <ErrorMessage error={sent.error} />
        {sent.data && rows.length === 0 && <p className="muted">{t('net.none')}</p>}
        {rows.length > 0 && (
          <ul className="entries" data-testid="case-referrals">
            {rows.map((r) => (
              <li key={r.id}>
                <Link to={`/referrals/${r.id}`}>{date(r.createdAt)}</Link> · {r.toName} · {t(`net.kinds.${r.kind}`)} ·{' '}
                {label('services', r.requestedService)} ·{' '}
                <span className={`urgency urgency-${r.urgency}`}>{t(`feedbackUi.urgencies.${r.urgency}`)}</span>
                {r.requestedBy && <> · {t('feedbackUi.requestedByOn', { date: date(r.requestedBy) })}</>} ·{' '}
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
              {...fe.describe('toOrganisationId')}
            >
              <option value="">{t('caseUi.choose')}</option>
              {unique.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <FieldError fe={fe} path="toOrganisationId" />
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
          <FieldError fe={fe} path="requestedService" />
          <label className="field">
            <span>{t('feedbackUi.urgency')}</span>
            <select
              name="urgency"
              value={form.urgency}
              onChange={(e) => setForm({ ...form, urgency: e.target.value as typeof form.urgency })}
              {...fe.describe('urgency')}
            >
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {t(`feedbackUi.urgencies.${u}`)}
                </option>
              ))}
            </select>
            <FieldError fe={fe} path="urgency" />
          </label>
          <Field
            label={t('feedbackUi.requestedBy')}
            name="requestedBy"
            type="date"
            value={form.requestedBy}
            onChange={(requestedBy) => setForm({ ...form, requestedBy })}
            hint={t('feedbackUi.requestedByHint')}
            error={fe.errorFor('requestedBy')}
          />
          <label className="field">
            <span>{t('feedbackUi.message')}</span>
            <textarea
              name="message"
              rows={4}
              maxLength={REFERRAL_MESSAGE_MAX}
              value={form.message}
              onChange={(e) => setForm({ ...form, message: e.target.value })}
              {...(fe.errorFor('message') ? fe.describe('message') : { 'aria-describedby': 'referral-message-hint' })}
            />
            <small id="referral-message-hint">{t('feedbackUi.messageHint', { limit: REFERRAL_MESSAGE_MAX })}</small>
            <FieldError fe={fe} path="message" />
          </label>
          <fieldset className="checks" aria-describedby={fe.errorFor('sections') ? fe.idFor('sections') : undefined}>
            <legend>{t('caseUi.alsoShare')}</legend>
            {OPTIONAL.map((s) => (
              <Check
                key={s}
                label={t(s === 'documents' ? 'attachmentsUi.shareDocuments' : `caseUi.sections_.${s}`)}
                checked={form.sections.includes(s)}
                onChange={(on) =>
                  setForm({ ...form, sections: on ? [...form.sections, s] : form.sections.filter((x) => x !== s) })
                }
              />
            ))}
            {formSections.map(([s, title]) => (
              <Check
                key={s}
                label={t('formValuesUi.customSection', { title })}
                checked={form.sections.includes(s)}
                onChange={(on) =>
                  setForm({ ...form, sections: on ? [...form.sections, s] : form.sections.filter((x) => x !== s) })
                }
              />
            ))}
            <FieldError fe={fe} path="sections" />
          </fieldset>
          <p className="muted">{t('caseUi.neverShared')}</p>
          <ErrorMessage error={send.error} />
          <FieldErrorSummary fe={fe} />
          {/* A success never sits beside an error: the notice belongs to the last submission only. */}
          {send.isSuccess && !send.error && <Notice>{t('caseUi.referralSent')}</Notice>}
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
