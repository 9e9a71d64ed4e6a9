/**
 * Correcting any record: a form built from the record kind's own schema (the same one the server
 * validates), with the reason she corrects it; a conflict offers "reload and re-apply"; unsaved input
 * asks before it is left. Derived fields (her age at the acts, a reflection period's end) are not sent:
 * the server computes them again.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CODED_FIELDS, ENTRY_SCHEMAS, type EntryKind } from '../../../domain/cases/entries';
import { code as codeSchema, isoDate } from '../../../domain/shared/zod';
import type { Entry } from '../../api/cases';
import type { CustomValuesView } from '../../../server/api-types';
import { valuesByName } from '../../forms/CustomFormFields';
import { ConflictNotice } from '../../components/ConflictNotice';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { CodeChecks, CodeSelect } from '../fields';
import { useReviseEntry } from './api';
import { LongText, ReasonField, RequiredMark, TextInput } from './inputs';

type Control =
  | { field: string; required: boolean; as: 'date' | 'text' | 'long' | 'number' | 'boolean' }
  | { field: string; required: boolean; as: 'enum'; options: string[] }
  | { field: string; required: boolean; as: 'code'; listKey: string }
  | { field: string; required: boolean; as: 'codes'; listKey: string }
  | { field: string; required: boolean; as: 'strings' }
  | { field: string; required: false; as: 'kept' };

type AnySchema = z.ZodType & { def: { type: string; innerType?: AnySchema; element?: AnySchema } };

function unwrap(schema: AnySchema): { inner: AnySchema; optional: boolean } {
  let inner = schema;
  let optional = false;
  while (['optional', 'default', 'nullable', 'prefault'].includes(inner.def.type) && inner.def.innerType) {
    optional = true;
    inner = inner.def.innerType;
  }
  return { inner, optional };
}

/** The form's controls, from the kind's schema: one per field it names, in its order. */
export function controlsOf(kind: string): Control[] {
  const schema = ENTRY_SCHEMAS[kind as EntryKind] as unknown as { shape: Record<string, AnySchema> } | undefined;
  if (!schema) return [];
  const lists = CODED_FIELDS[kind as EntryKind] ?? {};
  return Object.entries(schema.shape).map(([field, s]): Control => {
    const { inner, optional } = unwrap(s);
    const required = !optional;
    const type = inner.def.type;
    if (type === 'string') {
      if (inner === (isoDate as unknown)) return { field, required, as: 'date' };
      if (lists[field]) return { field, required, as: 'code', listKey: lists[field]! };
      if (inner === (codeSchema as unknown)) return { field, required, as: 'text' };
      const max = (inner as unknown as { maxLength: number | null }).maxLength;
      return { field, required, as: max !== null && max > 500 ? 'long' : 'text' };
    }
    if (type === 'enum')
      return { field, required, as: 'enum', options: (inner as unknown as z.ZodEnum).options as string[] };
    if (type === 'boolean') return { field, required, as: 'boolean' };
    if (type === 'number') return { field, required, as: 'number' };
    if (type === 'array') {
      const element = inner.def.element;
      if (element && element.def.type === 'string')
        return lists[field]
          ? { field, required, as: 'codes', listKey: lists[field]! }
          : { field, required, as: 'strings' };
    }
    return { field, required: false, as: 'kept' };
  });
}

type Values = Record<string, string | boolean | string[]>;

function initialValues(controls: Control[], data: Record<string, unknown>): Values {
  const out: Values = {};
  for (const c of controls) {
    const v = data[c.field];
    if (c.as === 'boolean') out[c.field] = v === true;
    else if (c.as === 'codes') out[c.field] = Array.isArray(v) ? (v as string[]) : [];
    else if (c.as === 'strings') out[c.field] = Array.isArray(v) ? (v as string[]).join(', ') : '';
    else if (c.as !== 'kept') out[c.field] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

function dataOf(controls: Control[], values: Values, original: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of controls) {
    if (c.as === 'kept') {
      if (original[c.field] !== undefined) out[c.field] = original[c.field];
      continue;
    }
    const v = values[c.field];
    if (c.as === 'boolean') {
      if (v === true || original[c.field] !== undefined || c.required) out[c.field] = v === true;
    } else if (c.as === 'codes') out[c.field] = v;
    else if (c.as === 'strings') {
      const items = String(v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length || original[c.field] !== undefined) out[c.field] = items;
    } else if (v !== '') out[c.field] = c.as === 'number' ? Number(v) : v;
  }
  // Custom fields of the record (a form targeting its kind) go back as they were, under their version
  // (a response lists them as { name, value }; a request keys them by name).
  if (original.custom !== undefined) {
    const custom = original.custom as CustomValuesView;
    out.custom = { form: custom.form, version: custom.version, values: valuesByName(custom.values) };
  }
  return out;
}

export function EntryCorrection({ caseId, entry, onDone }: { caseId: string; entry: Entry; onDone: () => void }) {
  const { t } = useTranslation();
  const controls = useMemo(() => controlsOf(entry.kind), [entry.kind]);
  const [initial] = useState(() => initialValues(controls, entry.data));
  const [values, setValues] = useState<Values>(initial);
  const [reason, setReason] = useState('');
  const revise = useReviseEntry(caseId, entry.id);
  const dirty = reason.trim() !== '' || JSON.stringify(values) !== JSON.stringify(initial);
  const unsaved = useUnsavedChanges(dirty && !revise.isSuccess);
  const label = (field: string) => t(`correctUi.fields.${field}`, { defaultValue: field });
  const set = (field: string, v: string | boolean | string[]) => setValues({ ...values, [field]: v });

  function submit(event: FormEvent) {
    event.preventDefault();
    revise.mutate(
      { data: dataOf(controls, values, entry.data), version: entry.version, reason: reason.trim() },
      {
        onSuccess: () => {
          unsaved.release();
          onDone();
        },
      },
    );
  }

  return (
    <form className="card correction" aria-label={t('correctUi.entry.formTitle')} onSubmit={submit}>
      <h3>{t('correctUi.entry.formTitle')}</h3>
      <p className="muted">{t('correctUi.requiredHint')}</p>
      {controls.map((c) => {
        const v = values[c.field];
        switch (c.as) {
          case 'date':
            return (
              <TextInput
                key={c.field}
                type="date"
                label={label(c.field)}
                required={c.required}
                value={String(v)}
                onChange={(x) => set(c.field, x)}
              />
            );
          case 'text':
          case 'number':
            return (
              <TextInput
                key={c.field}
                type={c.as === 'number' ? 'number' : 'text'}
                label={label(c.field)}
                required={c.required}
                value={String(v)}
                onChange={(x) => set(c.field, x)}
              />
            );
          case 'long':
            return (
              <LongText
                key={c.field}
                label={label(c.field)}
                required={c.required}
                value={String(v)}
                onChange={(x) => set(c.field, x)}
              />
            );
          case 'strings':
            return (
              <TextInput
                key={c.field}
                label={label(c.field)}
                hint={t('correctUi.entry.commaHint')}
                value={String(v)}
                onChange={(x) => set(c.field, x)}
              />
            );
          case 'boolean':
            return (
              <label key={c.field} className="checkbox">
                <input type="checkbox" checked={v === true} onChange={(e) => set(c.field, e.target.checked)} />
                {label(c.field)}
              </label>
            );
          case 'enum':
            return (
              <label key={c.field} className="field">
                <span>
                  {label(c.field)}
                  {c.required && <RequiredMark />}
                </span>
                <select
                  value={String(v)}
                  required={c.required}
                  aria-required={c.required || undefined}
                  onChange={(e) => set(c.field, e.target.value)}
                >
                  {!c.required && <option value="">{t('correctUi.none')}</option>}
                  {c.options.map((o) => (
                    <option key={o} value={o}>
                      {t(`correctUi.values.${o}`, { defaultValue: o })}
                    </option>
                  ))}
                </select>
              </label>
            );
          case 'code':
            return (
              <CodeSelect
                key={c.field}
                label={label(c.field)}
                listKey={c.listKey}
                required={c.required}
                value={String(v)}
                onChange={(x) => set(c.field, x)}
              />
            );
          case 'codes':
            return (
              <CodeChecks
                key={c.field}
                legend={label(c.field)}
                listKey={c.listKey}
                value={v as string[]}
                onChange={(x) => set(c.field, x)}
              />
            );
          default:
            return null;
        }
      })}
      <ReasonField value={reason} onChange={setReason} />
      <ConflictNotice error={revise.error} queryKey={['case', caseId]} onReloaded={() => revise.reset()} />
      <div className="actions">
        <button type="submit" disabled={revise.isPending}>
          {t('correctUi.entry.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('correctUi.cancel')}
        </button>
      </div>
    </form>
  );
}
