/** Consent per purpose: grant and withdraw, with language and interpreter; assistance never depends on the police. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isPartnerScoped } from '../../../domain/cases/consent';
import { api } from '../../api/client';
import { todayIso, useAddEntry, useLabel, type CaseDetail } from '../../api/cases';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { Check, CodeSelect, Field } from '../fields';

export function ConsentTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const add = useAddEntry(c.id);
  const partners = useQuery({
    queryKey: ['partners'],
    queryFn: () => api<{ partners: { id: string; name: string }[] }>('/api/network/partners'),
  });
  const [form, setForm] = useState({ purpose: '', language: '', interpreterUsed: false, partnerOrganisationId: '' });
  const [done, setDone] = useState<string | null>(null);
  // Withdrawal is consequential (partners lose what was shared at once): asked to confirm first.
  const [confirming, setConfirming] = useState<{ purpose: string; partnerOrganisationId?: string } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const partnerScoped = isPartnerScoped(form.purpose);
  const partnerName = (id?: string) => partners.data?.partners.find((p) => p.id === id)?.name ?? '';

  function record(action: 'granted' | 'withdrawn', purpose: string, partnerOrganisationId?: string) {
    // A partner only for a purpose that takes one: anything else would record a consent nobody checks.
    const partner = isPartnerScoped(purpose) && partnerOrganisationId ? { partnerOrganisationId } : {};
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
          setConfirming(null);
          setDone(action === 'granted' ? t('caseUi.consentGranted') : t('caseUi.consentWithdrawn'));
        },
      },
    );
  }

  return (
    <div className="tab-panel">
      <p className="alert alert-info">{t('caseUi.assistanceNeverConditional')}</p>
      {done && <Notice>{done}</Notice>}
      <section className="card" aria-labelledby="consent-now">
        <h2 id="consent-now">{t('caseUi.currentConsents')}</h2>
        {c.consents.length === 0 && <p className="muted">{t('caseUi.nothingYet')}</p>}
        <ul className="entries">
          {c.consents.map((k) => (
            <li key={`${k.purpose}:${k.partnerOrganisationId ?? ''}`}>
              {label('consent_purposes', k.purpose)}
              {k.partnerOrganisationId ? ` (${partnerName(k.partnerOrganisationId)})` : ''}:{' '}
              <strong>{k.granted ? t('caseUi.granted') : t('caseUi.withdrawn')}</strong>
              {k.granted && c.permissions.update && (
                <button
                  type="button"
                  className="link"
                  onClick={() => setConfirming({ purpose: k.purpose, partnerOrganisationId: k.partnerOrganisationId })}
                >
                  {t('caseUi.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {confirming && (
          <div role="group" aria-labelledby="withdraw-confirm">
            <p id="withdraw-confirm">
              {isPartnerScoped(confirming.purpose)
                ? t('caseUi.confirmWithdrawSharing', { partner: partnerName(confirming.partnerOrganisationId) })
                : t('caseUi.confirmWithdraw', { purpose: label('consent_purposes', confirming.purpose) })}
            </p>
            <div className="actions">
              <button
                type="button"
                ref={confirmRef}
                disabled={add.isPending}
                onClick={() => record('withdrawn', confirming.purpose, confirming.partnerOrganisationId)}
              >
                {t('caseUi.confirmWithdrawYes')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                {t('net.cancel')}
              </button>
            </div>
          </div>
        )}
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
          {partnerScoped && (
            <label className="field">
              <span>{t('caseUi.partner')}</span>
              <select
                required
                value={form.partnerOrganisationId}
                onChange={(e) => setForm({ ...form, partnerOrganisationId: e.target.value })}
              >
                <option value="">{t('caseUi.choose')}</option>
                {partners.data?.partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <Field
            label={t('caseUi.consentLanguage')}
            required
            value={form.language}
            onChange={(language) => setForm({ ...form, language })}
          />
          <Check
            label={t('caseUi.interpreterUsed')}
            checked={form.interpreterUsed}
            onChange={(interpreterUsed) => setForm({ ...form, interpreterUsed })}
          />
          <ErrorMessage error={add.error} />
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
