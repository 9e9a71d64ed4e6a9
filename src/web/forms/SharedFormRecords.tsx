/**
 * The custom records a referral carries (issue #17), as the receiving organisation reads them: each
 * with the title and labels of the version it was recorded under, in the reader's language, choice
 * labels and yes/no words; empty fields left out. The labels travel with the referral: the receiver
 * has not got the sender's forms.
 */
import { useTranslation } from 'react-i18next';
import { labelIn, presentRecord } from '../../domain/forms/present';
import { sharedValues } from '../../domain/forms/referral';
import type { ReferralView } from '../../server/api-types';

type Shared = NonNullable<NonNullable<ReferralView['snapshot']>['forms']>;

export function SharedFormRecords({ records }: { records: Shared }) {
  const { t, i18n } = useTranslation();
  if (records.length === 0) return null;
  const options = { locale: i18n.language, yes: t('formValuesUi.yes'), no: t('formValuesUi.no') };
  return (
    <section aria-labelledby="shared-forms-title">
      <h3 id="shared-forms-title">{t('formValuesUi.sharedForms')}</h3>
      {records.map((record, i) => (
        <article key={`${record.form}-${i}`} className="shared-form" data-testid="shared-form">
          <h4>
            {t('formValuesUi.titleWithVersion', {
              title: labelIn(record.title, i18n.language),
              version: record.version,
            })}
          </h4>
          {presentRecord(record, sharedValues(record), options).map((section) => (
            <dl key={section.name} className="facts" aria-label={section.label}>
              {section.fields.map((f) => (
                <div key={f.name} className="fact">
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          ))}
        </article>
      ))}
    </section>
  );
}
