/**
 * Staff accounts of the current organisation: list, create, edit roles, deactivate. A person may
 * work for several organisations: this one deactivates her membership here; only her home
 * organisation renames her or deactivates her account everywhere.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { UserList } from '../../server/api-types';
import { ROLES, type SessionView, type UserView } from '../api/types';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import { PasswordInput, usePasswordFieldError } from '../components/PasswordForms';
import { useIdempotencyKey } from '../api/idempotency';
import { formatDateTime } from '../i18n/dates';

const usersKey = ['users'] as const;

export function UsersPage({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  const users = useQuery({ queryKey: usersKey, queryFn: () => api<UserList>('/api/users') });
  const [editing, setEditing] = useState<UserView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <p className="muted">{t('users.intro', { organisation: session.organisation.name })}</p>
      {notice && <Notice>{notice}</Notice>}
      {users.isPending && <p role="status">{t('common.loading')}</p>}
      <ErrorMessage error={users.error} />
      {users.data && users.data.users.length === 0 && <p>{t('users.none')}</p>}
      {users.data && users.data.users.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('users.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('users.totp')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.displayName}</td>
                  <td>{user.email}</td>
                  <td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
                  <td>
                    {statusOf(user, t)}
                    {user.locked ? ` · ${t('accountsUi.locked')}` : ''}
                    {user.mustChangePassword ? ` · ${t('accountsUi.mustChange')}` : ''}
                    {user.onDuty ? ` · ${t('users.dutyBadge')}` : ''}
                  </td>
                  <td>{user.totpEnabled ? t('common.yes') : t('common.no')}</td>
                  <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('common.never')}</td>
                  <td>
                    {user.permissions.update && (
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          setNotice(null);
                          setEditing(user);
                        }}
                        aria-label={t('users.editing', { name: user.displayName })}
                      >
                        {t('users.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <EditUserForm
          key={editing.id}
          user={editing}
          organisation={session.organisation.name}
          self={editing.id === session.user.id}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNotice(t('users.saved'));
          }}
        />
      ) : (
        <CreateUserForm onCreated={() => setNotice(t('users.created'))} />
      )}
    </section>
  );
}

/** Account deactivated (by her home organisation) outranks membership deactivated (here). */
function statusOf(user: UserView, t: (key: string) => string): string {
  if (!user.accountActive) return t('users.accountInactive');
  return user.membershipActive ? t('users.active') : t('users.inactiveHere');
}

function RolePicker({ value, onChange }: { value: string[]; onChange: (roles: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="role-picker">
      <legend>{t('users.roles')}</legend>
      {ROLES.map((role) => (
        <label key={role} className="checkbox">
          <input
            type="checkbox"
            name="roles"
            value={role}
            checked={value.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
          />
          {t(`roles.${role}`)}
        </label>
      ))}
    </fieldset>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ email: '', displayName: '', password: '', roles: ['caseworker'] as string[] });
  const fieldError = usePasswordFieldError();
  const idem = useIdempotencyKey();
  const create = useMutation({
    mutationFn: () => api<UserView>('/api/users', { method: 'POST', body: form, idempotencyKey: idem.key }),
    onSuccess: () => {
      idem.renew();
      setForm({ email: '', displayName: '', password: '', roles: ['caseworker'] });
      void client.invalidateQueries({ queryKey: usersKey });
      onCreated();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.roles.length > 0) create.mutate();
  }
  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.add')}</h2>
      <label className="field">
        <span>{t('users.displayName')}</span>
        <input
          name="displayName"
          required
          maxLength={200}
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('users.email')}</span>
        <input
          name="email"
          type="email"
          required
          autoComplete="off"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
      </label>
      <PasswordInput
        id="password"
        label={t('users.password')}
        value={form.password}
        onChange={(password) => setForm({ ...form, password })}
        error={fieldError(create.error, 'password')}
        hint={t('users.passwordHint')}
        autoComplete="new-password"
      />
      <RolePicker value={form.roles} onChange={(roles) => setForm({ ...form, roles })} />
      {form.roles.length === 0 && (
        <p className="alert alert-error" role="alert">
          {t('users.rolesRequired')}
        </p>
      )}
      {!fieldError(create.error, 'password') && <ErrorMessage error={create.error} />}
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('users.create')}
        </button>
      </div>
    </form>
  );
}

function EditUserForm({
  user,
  organisation,
  self,
  onDone,
}: {
  user: UserView;
  organisation: string;
  self: boolean;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const update = useMutation({
    mutationFn: (changes: {
      displayName?: string;
      roles?: string[];
      active?: boolean;
      membershipActive?: boolean;
      onDuty?: boolean;
    }) => api<UserView>(`/api/users/${user.id}`, { method: 'PATCH', body: { ...changes, version: user.version } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: usersKey });
      onDone(true);
    },
  });
  const unlock = useMutation({
    mutationFn: () => api<UserView>(`/api/users/${user.id}/unlock`, { method: 'POST' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: usersKey });
    },
  });
  // Her name is global: her home organisation's administrators change it, or she herself.
  const canRename = user.permissions.updateAccount || self;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (roles.length > 0) update.mutate(canRename ? { displayName, roles } : { roles });
  }
  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="edit-user-title">
      <h2 id="edit-user-title">{t('users.editing', { name: user.displayName })}</h2>
      <label className="field">
        <span>{t('users.displayName')}</span>
        <input
          name="displayName"
          required
          maxLength={200}
          value={displayName}
          readOnly={!canRename}
          aria-describedby={canRename ? undefined : 'name-from-home'}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </label>
      {!user.homeHere && (
        <p id="name-from-home" className="muted">
          {t('users.nameFromHome')}
        </p>
      )}
      <RolePicker value={roles} onChange={setRoles} />
      {roles.length === 0 && (
        <p className="alert alert-error" role="alert">
          {t('users.rolesRequired')}
        </p>
      )}
      <ErrorMessage error={update.error} />
      <div className="actions">
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
        {/* Deactivating ends her sessions at once: asked first, saying so (reactivating is not). */}
        {user.membershipActive ? (
          <ConfirmButton
            className="secondary"
            label={t('users.deactivateHere', { organisation })}
            question={t('users.confirmDeactivateHere', { name: user.displayName, organisation })}
            disabled={update.isPending}
            onConfirm={() => update.mutate({ membershipActive: false })}
          />
        ) : (
          <button type="button" className="secondary" onClick={() => update.mutate({ membershipActive: true })}>
            {t('users.activateHere', { organisation })}
          </button>
        )}
        {user.permissions.updateAccount &&
          (user.accountActive ? (
            <ConfirmButton
              className="secondary"
              label={t('users.deactivateAccount')}
              question={t('users.confirmDeactivateAccount', { name: user.displayName })}
              disabled={update.isPending}
              onConfirm={() => update.mutate({ active: false })}
            />
          ) : (
            <button type="button" className="secondary" onClick={() => update.mutate({ active: true })}>
              {t('users.activateAccount')}
            </button>
          ))}
        <button
          type="button"
          className="secondary"
          aria-pressed={user.onDuty}
          onClick={() => update.mutate({ onDuty: !user.onDuty })}
        >
          {user.onDuty ? t('users.offDuty') : t('users.onDuty')}
        </button>
        {user.locked && user.permissions.unlock && (
          <ConfirmButton
            className="secondary"
            label={t('accountsUi.unlock')}
            question={t('accountsUi.confirmUnlock', { name: user.displayName })}
            disabled={unlock.isPending}
            onConfirm={() => unlock.mutate()}
          />
        )}
        <button type="button" className="link" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {unlock.isSuccess && <Notice>{t('accountsUi.unlocked')}</Notice>}
      <ErrorMessage error={unlock.error} />
      {user.permissions.setPassword && <TemporaryPasswordForm user={user} />}
    </form>
  );
}

/** An administrator's temporary password: consequential (the user is logged out everywhere), so it asks first. */
function TemporaryPasswordForm({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const fieldError = usePasswordFieldError();
  const [password, setPassword] = useState('');
  const set = useMutation({
    mutationFn: () => api<UserView>(`/api/users/${user.id}/temporary-password`, { method: 'POST', body: { password } }),
    onSuccess: () => {
      setPassword('');
      void client.invalidateQueries({ queryKey: usersKey });
    },
  });
  const error = fieldError(set.error, 'password');
  return (
    <fieldset className="form-grid">
      <legend>{t('accountsUi.temporaryTitle')}</legend>
      {set.isSuccess && <Notice>{t('accountsUi.temporarySet')}</Notice>}
      <PasswordInput
        id="temporaryPassword"
        label={t('accountsUi.temporaryPassword')}
        value={password}
        onChange={setPassword}
        error={error}
        hint={t('accountsUi.temporaryHint')}
        autoComplete="new-password"
        required={false}
      />
      {!error && <ErrorMessage error={set.error} />}
      <div className="actions">
        <ConfirmButton
          className="secondary"
          label={t('accountsUi.setTemporary')}
          question={t('accountsUi.confirmTemporary', { name: user.displayName })}
          disabled={set.isPending || password === ''}
          onConfirm={() => set.mutate()}
        />
      </div>
    </fieldset>
  );
}
