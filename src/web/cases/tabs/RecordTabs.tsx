/** Services delivered, accommodation (secret addresses) and the legal track. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useAddEntry, useLabel, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CodeSelect, Field } from '../fields';
import { EntryList } from './EntryList';
import { KindCustomFields, KindCustomView, useKindCustom } from '../../forms/KindCustomFields';
import { formatDate } from '../../i18n/dates';

const drop = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));

export function ServicesTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const add = useAddEntry(c.id);
  // The fields a published form adds to services (issue #17).
  const custom = useKindCustom('service');
  const [s, setS] = useState({
    service: '',
    deliveredOn: todayIso(),
    provider: 'own',
    staffRole: '',
    durationMinutes: '',
  });
  return (
    <div className="tab-panel">
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="service-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (!custom.check()) return;
            add.mutate(
              {
                kind: 'service',
                data: {
                  ...drop({ ...s, durationMinutes: s.durationMinutes ? Number(s.durationMinutes) : undefined }),
                  ...custom.payload(),
                },
              },
              { onSuccess: custom.reset },
            );
          }}
        >
          <h2 id="service-title">{t('caseUi.logService')}</h2>
          <CodeSelect
            label={t('caseUi.service')}
            listKey="services"
            required
            value={s.service}
            onChange={(service) => setS({ ...s, service })}
          />
          <Field
            label={t('caseUi.deliveredOn')}
            type="date"
            value={s.deliveredOn}
            onChange={(deliveredOn) => setS({ ...s, deliveredOn })}
          />
          <label className="field">
            <span>{t('caseUi.provider')}</span>
            <select value={s.provider} onChange={(e) => setS({ ...s, provider: e.target.value })}>
              <option value="own">{t('caseUi.providerOwn')}</option>
              <option value="partner">{t('caseUi.providerPartner')}</option>
            </select>
          </label>
          <Field
            label={t('caseUi.staffRole')}
            value={s.staffRole}
            onChange={(staffRole) => setS({ ...s, staffRole })}
          />
          <Field
            label={t('caseUi.durationMinutes')}
            type="number"
            value={s.durationMinutes}
            onChange={(durationMinutes) => setS({ ...s, durationMinutes })}
          />
          <KindCustomFields state={custom} error={add.error} />
          <ErrorMessage error={add.error} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('caseUi.logService')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="service"
        title={t('caseUi.servicesDelivered')}
        render={(e) => (
          <>
            {label('services', String(e.data.service))} · {formatDate(String(e.data.deliveredOn))} ·{' '}
            {e.data.provider === 'own' ? t('caseUi.providerOwn') : t('caseUi.providerPartner')}
            <KindCustomView entry={e} />
          </>
        )}
      />
    </div>
  );
}

export function PlacementsTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const add = useAddEntry(c.id);
  const [p, setP] = useState({ type: '', startOn: todayIso(), endOn: '', reason: '', address: '' });
  return (
    <div className="tab-panel">
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="placement-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate({ kind: 'placement', data: drop(p) });
          }}
        >
          <h2 id="placement-title">{t('caseUi.addPlacement')}</h2>
          <CodeSelect
            label={t('caseUi.placementType')}
            listKey="accommodation_types"
            required
            value={p.type}
            onChange={(type) => setP({ ...p, type })}
          />
          <Field
            label={t('caseUi.startOn')}
            type="date"
            value={p.startOn}
            onChange={(startOn) => setP({ ...p, startOn })}
          />
          <Field label={t('caseUi.endOn')} type="date" value={p.endOn} onChange={(endOn) => setP({ ...p, endOn })} />
          <Field label={t('caseUi.reason')} value={p.reason} onChange={(reason) => setP({ ...p, reason })} />
          <Field
            label={t('caseUi.address')}
            value={p.address}
            onChange={(address) => setP({ ...p, address })}
            hint={t('caseUi.addressSecret')}
          />
          <ErrorMessage error={add.error} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('caseUi.addPlacement')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="placement"
        title={t('caseUi.placements')}
        render={(e) => (
          <>
            {label('accommodation_types', String(e.data.type))} · {formatDate(String(e.data.startOn))}
            {e.data.endOn ? ` – ${formatDate(String(e.data.endOn))}` : ''}
            {e.data.address ? ` · ${String(e.data.address)}` : ''}
          </>
        )}
      />
    </div>
  );
}

/** The legal tab lives in its own module (legal tracks, issue #17). */
export { LegalTab } from './LegalTab';
