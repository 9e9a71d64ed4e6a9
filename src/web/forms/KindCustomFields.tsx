/**
 * Custom fields on another kind of record (issue #17): the published form that targets the kind
 * (e.g. `service`) adds its fields to that kind's form, sent as `data.custom` with the form's
 * version, and shows the recorded ones under each record with the labels of their own version.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomValuesInput, CustomValuesView } from '../../server/api-types';
import type { Entry } from '../api/cases';
import { fieldIssues } from '../components/FieldErrors';
import { RecordedValues } from '../cases/forms/FormsTab';
import {
  cleanValues,
  CustomFormFields,
  serverProblems,
  useLocalProblems,
  valuesByName,
  type DraftValues,
} from './CustomFormFields';
import { useFormVersion, usePublishedForms } from './api';
import { labelIn } from '../../domain/forms/present';

/** The extra fields of a kind's form: its values, its problems and the payload to send. */
export function useKindCustom(target: string) {
  const published = usePublishedForms(target).data?.forms.find((f) => f.published);
  const [values, setValues] = useState<DraftValues>({});
  const [tried, setTried] = useState(false);
  const form = published?.published ?? null;
  const local = useLocalProblems(
    form ?? { code: 'none', title: { en: '' }, target, referralSection: null, sections: [] },
    values,
  );
  return {
    form,
    values,
    setValues,
    tried,
    local,
    /** Marks the fields tried; false when her answers need attention first. */
    check: () => {
      setTried(true);
      return !form || Object.keys(local).length === 0;
    },
    payload: (): { custom?: CustomValuesInput } =>
      form && published
        ? { custom: { form: form.code, version: published.currentVersion, values: cleanValues(values) } }
        : {},
    reset: () => {
      setValues({});
      setTried(false);
    },
  };
}

export function KindCustomFields({ state, error }: { state: ReturnType<typeof useKindCustom>; error: unknown }) {
  const { t } = useTranslation();
  if (!state.form) return null;
  return (
    <div className="kind-custom" aria-label={t('customFormsUi.extraFields')} role="group">
      <CustomFormFields
        form={state.form}
        values={state.values}
        onChange={state.setValues}
        problems={{ ...(state.tried ? state.local : {}), ...serverProblems(fieldIssues(error), 'data.custom.values') }}
      />
    </div>
  );
}

/** A record's custom values, read with the definition of the version they were recorded under. */
export function KindCustomView({ entry }: { entry: Entry }) {
  const { i18n } = useTranslation();
  const custom = (entry.data as { custom?: CustomValuesView }).custom;
  const version = useFormVersion(custom?.form, custom?.version);
  const definition = version.data?.version.definition;
  if (!custom || !definition) return null;
  return (
    <div className="kind-custom-values" aria-label={labelIn(definition.title, i18n.resolvedLanguage ?? 'en')}>
      <RecordedValues definition={definition} values={valuesByName(custom.values)} />
    </div>
  );
}
