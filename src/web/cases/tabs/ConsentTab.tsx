/**
 * Consent per purpose: grant and withdraw, with language and interpreter; assistance never depends on the police.
 * Withdrawing asks first, saying what will happen; a server refusal lands at the field that is wrong.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_CONSENT_PURPOSE, isPartnerScoped } from '../../../domain/cases/consent';
import { api } from '../../api/client';
import type { NetworkPartners } from '../../../server/api-types';
import { todayIso, useAddEntry, useLabel, type CaseDetail } from '../../api/cases';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { FieldError, FieldErrorSummary, useFieldErrors } from '../../components/FieldErrors';
import { Check, CodeSelect, Field } from '../fields';
import { ConsentForms } from '../attachments/ConsentForms';

export function ConsentTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const add = useAddEntry(c.id);
  const partners = useQuery({
    queryKey: ['partners'],
    queryFn: () => api<NetworkPartners>('/api/network/partners'),
  });
  const empty = { purpose: '', language: '', interpreterUsed: false, partnerOrganisationId: '' };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState<string | null>(null);
  // Which action the last error belongs to, so it shows where that action was taken.
  const [last, setLast] = useState<'granted' | 'withdrawn'>('granted');
  const fe = useFieldErrors(last === 'granted' ? add.error : null);
  const partnerScoped = isPartnerScoped(form.purpose);
  const partnerName = (id?: string) => partners.data?.partners.find((p) => p.id === id)?.name ?? '';

  function record(action: 'granted' | 'withdrawn', purpose: string, partnerOrganisationId?: string) {
    // A partner only for a purpose that takes one: anything else would record a consent nobody checks.
    const partner = isPartnerScoped(purpose) && partnerOrganisationId ? { partnerOrganisationId } : {};
    // A new action clears the last success: it never sits next to this action's error.
    setDone(null);
    setLast(action);
    add.mutate(
      {
        kind: 'consent',
        data: {
          purpose,
          action,
          language: form.language || 'en',
          interpreterUsed: form.interpreterUsed,
          recordedOn: todayIso(),
          ...partner,
        },
      },
      {
        onSuccess: () => {
          // A recorded consent is a new record: the form starts empty again.
          if (action === 'granted') setForm(empty);
          setDone(action === 'granted' ? t('caseUi.consentGranted') : t('caseUi.consentWithdrawn'));
        },
      },
    );
  }

  return (
    <div className="tab-panel">
      <p className="alert alert-info">{t('caseUi.assistanceNeverConditional')}</p>
      {done && !add.error && <Notice>{done}</Notice>}
      <section className="card" aria-labelledby="consent-now">
        <h2 id="consent-now">{t('caseUi.currentConsents')}</h2>
        {c.consents.length === 0 && <p className="muted">{t('caseUi.nothingYet')}</p>}
        <ul className="entries">
          {c.consents.map((k) => (
            <li key={`${k.purpose}:${k.partnerOrganisationId ?? ''}`}>
              {label('consent_purposes', k.purpose)}
              {k.partnerOrganisationId ? ` (${partnerName(k.partnerOrganisationId)})` : ''}:{' '}
              <strong>{k.granted ? t('caseUi.granted') : t('caseUi.withdrawn')}</strong>
              <ConsentForms caseId={c.id} purpose={k.purpose} partnerOrganisationId={k.partnerOrganisationId} />
              {/* Withdrawal is consequential (partners lose what was shared at once): asked to confirm first. */}
              {k.granted && c.permissions.update && (
                <ConfirmButton
                  className="link"
                  label={t('caseUi.withdraw')}
                  question={
                    isPartnerScoped(k.purpose)
                      ? t('caseUi.confirmWithdrawSharing', { partner: partnerName(k.partnerOrganisationId) })
                      : k.purpose === FOLLOW_UP_CONSENT_PURPOSE
                        ? t('caseUi.confirmWithdrawFollowUp')
                        : t('caseUi.confirmWithdraw', { purpose: label('consent_purposes', k.purpose) })
                  }
                  confirmLabel={t('caseUi.confirmWithdrawYes')}
                  disabled={add.isPending}
                  onConfirm={() => record('withdrawn', k.purpose, k.partnerOrganisationId)}
                />
              )}
            </li>
          ))}
        </ul>
        {last === 'withdrawn' && <ErrorMessage error={add.error} />}
      </section>
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="consent-new"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            record('granted', form.purpose, partnerScoped ? form.partnerOrganisationId || undefined : undefined);
          }}
        >
          <h2 id="consent-new">{t('caseUi.recordConsent')}</h2>
          <CodeSelect
            label={t('caseUi.purpose')}
            listKey="consent_purposes"
            required
            value={form.purpose}
            onChange={(purpose) => setForm({ ...form, purpose, partnerOrganisationId: '' })}
          />
          <FieldError fe={fe} path="data.purpose" />
          {partnerScoped && (
            <label className="field">
              <span>{t('caseUi.partner')}</span>
              <select
                required
                value={form.partnerOrganisationId}
                onChange={(e) => setForm({ ...form, partnerOrganisationId: e.target.value })}
                {...fe.describe('data.partnerOrganisationId')}
              >
                <option value="">{t('caseUi.choose')}</option>
                {partners.data?.partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <FieldError fe={fe} path="data.partnerOrganisationId" />
            </label>
          )}
          <Field
            label={t('caseUi.consentLanguage')}
            required
            name="language"
            value={form.language}
            onChange={(language) => setForm({ ...form, language })}
            error={fe.errorFor('data.language')}
          />
          <Check
            label={t('caseUi.interpreterUsed')}
            checked={form.interpreterUsed}
            onChange={(interpreterUsed) => setForm({ ...form, interpreterUsed })}
          />
          {last === 'granted' && <ErrorMessage error={add.error} />}
          <FieldErrorSummary fe={fe} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('caseUi.grantConsent')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
