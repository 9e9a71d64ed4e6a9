/** Forms for adapting the catalogue: a local role (names, mapping, role card in one language at a time), a local profile, and a staff member's roles. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Field } from '../cases/fields';
import { ErrorMessage } from '../components/ErrorMessage';
import { LANGUAGES } from '../i18n';
import {
  asLocale,
  CARD_FIELDS,
  LOCALES,
  pick,
  type Catalogue,
  type Locale,
  type Localised,
  type Role,
  type StaffRoles,
} from './types';

/** Drops blank translations so the API stores only what was written. */
const compact = (text: Localised): Localised =>
  Object.fromEntries(Object.entries(text).filter(([, v]) => v && v.trim())) as Localised;

function useSave(url: () => string, body: () => unknown, onDone: () => void, keys: string[][]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api(url(), { method: 'PUT', body: body() }),
    onSuccess: async () => {
      await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
      onDone();
    },
  });
}

/** The frame every editor shares: a named form, its error, Save and Cancel. */
function EditorForm({
  heading,
  save,
  onDone,
  children,
}: {
  heading: string;
  save: { mutate: () => void; error: unknown; isPending: boolean };
  onDone: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="card nested"
      aria-label={heading}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3>{heading}</h3>
      {children}
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {t('rolesUi.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('rolesUi.cancel')}
        </button>
      </div>
    </form>
  );
}

function NameFields({ labels, onChange }: { labels: Localised; onChange: (l: Localised) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {LOCALES.map((l) => (
        <Field
          key={l}
          label={t('rolesUi.nameIn', { language: LANGUAGES[l] })}
          value={labels[l] ?? ''}
          onChange={(v) => onChange({ ...labels, [l]: v })}
        />
      ))}
    </>
  );
}

export function RoleEditor({
  catalogue,
  code,
  locale,
  onDone,
}: {
  catalogue: Catalogue;
  code: string | null;
  locale: Locale;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const existing = catalogue.roles.find((r) => r.code === code);
  const [form, setForm] = useState<Omit<Role, 'code'> & { code: string }>(
    existing ?? {
      code: '',
      taxonomyCode: catalogue.taxonomy.roles[0].code,
      labels: {},
      card: {},
      profileCodes: [],
      active: true,
    },
  );
  const [cardLocale, setCardLocale] = useState<Locale>(locale);
  const save = useSave(
    () => `/api/catalogue/roles/${encodeURIComponent(form.code)}`,
    () => ({
      taxonomyCode: form.taxonomyCode,
      labels: compact(form.labels),
      profileCodes: form.profileCodes,
      active: form.active,
      card: Object.fromEntries(
        Object.entries(form.card)
          .map(([f, text]) => [f, compact(text ?? {})])
          .filter(([, text]) => Object.keys(text as object).length),
      ),
    }),
    onDone,
    [['catalogue'], ['network-roles']],
  );
  const heading = existing ? t('rolesUi.editRole', { name: pick(existing.labels, locale).text }) : t('rolesUi.newRole');

  return (
    <EditorForm heading={heading} save={save} onDone={onDone}>
      {!existing && (
        <Field label={t('rolesUi.code')} required value={form.code} onChange={(v) => setForm({ ...form, code: v })} />
      )}
      <label className="field">
        <span>{t('rolesUi.sharedRole')}</span>
        <select value={form.taxonomyCode} onChange={(e) => setForm({ ...form, taxonomyCode: e.target.value })}>
          {catalogue.taxonomy.roles.map((r) => (
            <option key={r.code} value={r.code}>
              {pick(r.labels, locale).text}
            </option>
          ))}
        </select>
      </label>
      <NameFields labels={form.labels} onChange={(labels) => setForm({ ...form, labels })} />
      <fieldset className="checks">
        <legend>{t('rolesUi.filledBy')}</legend>
        {catalogue.profiles
          .filter((p) => p.active)
          .map((p) => (
            <label key={p.code} className="checkbox">
              <input
                type="checkbox"
                checked={form.profileCodes.includes(p.code)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    profileCodes: e.target.checked
                      ? [...form.profileCodes, p.code]
                      : form.profileCodes.filter((c) => c !== p.code),
                  })
                }
              />
              {pick(p.labels, locale).text}
            </label>
          ))}
      </fieldset>
      <label className="field">
        <span>{t('rolesUi.cardLanguage')}</span>
        <select value={cardLocale} onChange={(e) => setCardLocale(e.target.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGES[l]}
            </option>
          ))}
        </select>
      </label>
      {CARD_FIELDS.map((f) => (
        <label key={f} className="field">
          <span>
            {t(`rolesUi.card.${f}`)} ({cardLocale})
          </span>
          <textarea
            rows={2}
            value={form.card[f]?.[cardLocale] ?? ''}
            placeholder={form.card[f]?.en ?? ''}
            onChange={(e) =>
              setForm({ ...form, card: { ...form.card, [f]: { ...form.card[f], [cardLocale]: e.target.value } } })
            }
          />
        </label>
      ))}
      <label className="checkbox">
        <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
        {t('rolesUi.active')}
      </label>
    </EditorForm>
  );
}

export function ProfileEditor({
  catalogue,
  code,
  onDone,
}: {
  catalogue: Catalogue;
  code: string | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const existing = catalogue.profiles.find((p) => p.code === code);
  const [form, setForm] = useState(
    existing ?? { code: '', taxonomyCode: catalogue.taxonomy.profiles[0].code, labels: {} as Localised, active: true },
  );
  const save = useSave(
    () => `/api/catalogue/profiles/${encodeURIComponent(form.code)}`,
    () => ({ taxonomyCode: form.taxonomyCode, labels: compact(form.labels), active: form.active }),
    onDone,
    [['catalogue']],
  );
  const locale = asLocale(i18n.language);
  const heading = existing
    ? t('rolesUi.editProfile', { name: pick(existing.labels, locale).text })
    : t('rolesUi.newProfile');
  return (
    <EditorForm heading={heading} save={save} onDone={onDone}>
      {!existing && (
        <Field label={t('rolesUi.code')} required value={form.code} onChange={(v) => setForm({ ...form, code: v })} />
      )}
      <label className="field">
        <span>{t('rolesUi.sharedProfile')}</span>
        <select value={form.taxonomyCode} onChange={(e) => setForm({ ...form, taxonomyCode: e.target.value })}>
          {catalogue.taxonomy.profiles.map((p) => (
            <option key={p.code} value={p.code}>
              {pick(p.labels, locale).text}
            </option>
          ))}
        </select>
      </label>
      <NameFields labels={form.labels} onChange={(labels) => setForm({ ...form, labels })} />
      <label className="checkbox">
        <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
        {t('rolesUi.active')}
      </label>
    </EditorForm>
  );
}

export function StaffEditor({
  catalogue,
  member,
  locale,
  onDone,
}: {
  catalogue: Catalogue;
  member: StaffRoles;
  locale: Locale;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState(member.roles);
  const [profiles, setProfiles] = useState(member.profiles);
  const save = useSave(
    () => `/api/staff/${member.userId}/roles`,
    () => ({ roles, profiles }),
    onDone,
    [['staff-roles'], ['network-roles']],
  );
  const toggle = (list: string[], code: string, on: boolean) => (on ? [...list, code] : list.filter((c) => c !== code));
  const heading = t('rolesUi.editStaff', { name: member.displayName });
  return (
    <EditorForm heading={heading} save={save} onDone={onDone}>
      <fieldset className="checks">
        <legend>{t('rolesUi.roles')}</legend>
        {catalogue.roles
          .filter((r) => r.active)
          .map((r) => (
            <label key={r.code} className="checkbox">
              <input
                type="checkbox"
                checked={roles.includes(r.code)}
                onChange={(e) => setRoles(toggle(roles, r.code, e.target.checked))}
              />
              {pick(r.labels, locale).text}
            </label>
          ))}
      </fieldset>
      <fieldset className="checks">
        <legend>{t('rolesUi.profiles')}</legend>
        {catalogue.profiles
          .filter((p) => p.active)
          .map((p) => (
            <label key={p.code} className="checkbox">
              <input
                type="checkbox"
                checked={profiles.includes(p.code)}
                onChange={(e) => setProfiles(toggle(profiles, p.code, e.target.checked))}
              />
              {pick(p.labels, locale).text}
            </label>
          ))}
      </fieldset>
    </EditorForm>
  );
}
