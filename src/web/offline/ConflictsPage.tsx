/**
 * The offline sync conflict queue (issue #18): every open conflict she raised or on a case she owns.
 * For each, the case, the record and every field both sides changed: her offline value, the server's
 * current value and the value the device started from. She chooses per field (hers, the server's or a
 * value she writes); a protected field (risk, consent, legal, identity: the server says which) asks
 * for a confirmation before anything is applied. The server's field-level errors show at the field.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router-dom';
import type { z } from 'zod';
import type { SyncConflictSchema } from '../../server/presenters/sync';
import type { SyncConflictCountResponse, SyncConflictsResponse } from '../../server/routes/sync/routes';
import { api } from '../api/client';
import { forgetConflicts } from './sync';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldErrorSummary, useFieldErrors, type FieldErrors } from '../components/FieldErrors';
import { formatDateTime } from '../i18n/dates';

type Conflict = z.infer<typeof SyncConflictSchema>;
type ConflictField = Conflict['fields'][number];
type Take = 'mine' | 'theirs' | 'edited';
type Choice = { take: Take | null; text: string };

export const conflictsKey = ['sync', 'conflicts'] as const;
export const conflictCountKey = ['sync', 'conflicts', 'count'] as const;

/** The navigation entry with the open count: only there while a conflict is open. */
export function ConflictsNavLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const count = useQuery({
    queryKey: conflictCountKey,
    queryFn: () => api<z.infer<typeof SyncConflictCountResponse>>('/api/sync/conflicts/count'),
    refetchInterval: 60_000,
  });
  const open = count.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <li>
      <NavLink to="/sync/conflicts" onClick={onClick}>
        {t('syncUi.nav')}{' '}
        <span className="badge" data-testid="conflicts-badge" aria-label={t('syncUi.openCount', { count: open })}>
          {open}
        </span>
      </NavLink>
    </li>
  );
}

export function ConflictsPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: conflictsKey,
    queryFn: () => api<z.infer<typeof SyncConflictsResponse>>('/api/sync/conflicts'),
  });
  // Those resolved here stay on the page, said as resolved (the server's list has only open ones).
  const [resolved, setResolved] = useState<Conflict[]>([]);
  const done = new Set(resolved.map((c) => c.id));
  const open = (list.data?.conflicts ?? []).filter((c) => c.status === 'open' && !done.has(c.id));
  const client = useQueryClient();
  // The navigation's count follows what the queue shows (a sync may have raised one since).
  useEffect(() => {
    if (list.data) void client.invalidateQueries({ queryKey: conflictCountKey, exact: true });
  }, [list.data, client]);
  return (
    <section className="conflicts-page">
      <h1>{t('syncUi.title')}</h1>
      <p>{t('syncUi.intro')}</p>
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {resolved.map((c) => (
        <ResolvedCard key={c.id} conflict={c} />
      ))}
      {list.isSuccess && open.length === 0 && (
        <p className="alert alert-info" role="status">
          {t('syncUi.none')}
        </p>
      )}
      {open.map((c) => (
        <ConflictCard key={c.id} conflict={c} onResolved={(r) => setResolved((all) => [...all, r])} />
      ))}
      <p>
        <Link to="/offline">{t('syncUi.backToFieldWork')}</Link>
      </p>
    </section>
  );
}

/** A value as the server sent it (JSON text), readable: text as is, lists joined, nothing as a dash. */
function readable(json: string | null, none: string): string {
  if (json === null) return none;
  const v = parse(json);
  if (v === null || v === undefined || v === '') return none;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join(', ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v, null, 1);
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

/** A field is edited as text when both sides hold text (or nothing); otherwise as JSON. */
const isTextField = (f: ConflictField) =>
  [f.mine, f.theirs, f.base].every((v) => {
    const x = parse(v);
    return x === null || typeof x === 'string';
  });

function initialText(f: ConflictField): string {
  const mine = parse(f.mine);
  if (isTextField(f)) return typeof mine === 'string' ? mine : '';
  return f.mine ?? '';
}

function ResolvedCard({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <article className="card" aria-labelledby={headingId} data-testid="sync-conflict">
      <h2 id={headingId}>{t('syncUi.caseTitle', { reference: conflict.caseReference })}</h2>
      <p className="alert alert-success" role="status">
        {t('syncUi.resolved')}
      </p>
    </article>
  );
}

function ConflictCard({ conflict, onResolved }: { conflict: Conflict; onResolved: (c: Conflict) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const headingId = useId();
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(conflict.fields.map((f) => [f.field, { take: null, text: initialText(f) }])),
  );
  const [asking, setAsking] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const resolve = useMutation({
    mutationFn: (body: { choices: unknown[] }) =>
      api<Conflict>(`/api/sync/conflicts/${conflict.id}/resolve`, { method: 'POST', body }),
    onSuccess: (answer) => {
      onResolved(answer);
      // Resolved: the device's outbox no longer lists it (a later pull drops those resolved elsewhere).
      void forgetConflicts((id) => id !== conflict.id);
      void client.invalidateQueries({ queryKey: conflictsKey, exact: true });
    },
  });
  const fe = useFieldErrors(resolve.error);
  const protectedChosen = conflict.fields.filter((f) => f.protected && choices[f.field]?.take);
  const recordLabel =
    conflict.kind === null
      ? t('syncUi.caseRecord')
      : t(`historyUi.parts.${conflict.kind}`, { defaultValue: conflict.kind });

  const build = (): unknown[] | null => {
    const errs: Record<string, string> = {};
    const out: unknown[] = [];
    for (const f of conflict.fields) {
      const c = choices[f.field];
      if (!c?.take) {
        errs[f.field] = t('syncUi.chooseOne');
        continue;
      }
      if (c.take !== 'edited') {
        out.push({ field: f.field, take: c.take });
        continue;
      }
      if (isTextField(f)) out.push({ field: f.field, take: 'edited', value: c.text.trim() === '' ? null : c.text });
      else
        try {
          out.push({ field: f.field, take: 'edited', value: JSON.parse(c.text) as unknown });
        } catch {
          errs[f.field] = t('syncUi.notJson');
        }
    }
    setLocalErrors(errs);
    return Object.keys(errs).length > 0 ? null : out;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    resolve.reset();
    const body = build();
    if (!body) return;
    if (protectedChosen.length > 0) setAsking(true);
    else apply(body);
  };
  const apply = (body: unknown[]) => {
    setAsking(false);
    resolve.mutate(
      { choices: body },
      { onSuccess: () => void client.invalidateQueries({ queryKey: conflictCountKey }) },
    );
  };

  return (
    <article className="card conflict" aria-labelledby={headingId} data-testid="sync-conflict">
      <h2 id={headingId}>
        <Link to={`/cases/${conflict.caseId}`}>{t('syncUi.caseTitle', { reference: conflict.caseReference })}</Link>
      </h2>
      <dl className="compact">
        <dt>{t('syncUi.record')}</dt>
        <dd>{recordLabel}</dd>
        <dt>{t('syncUi.raisedAt')}</dt>
        <dd>{formatDateTime(conflict.createdAt)}</dd>
      </dl>
      <form onSubmit={submit} noValidate>
        {conflict.fields.map((f) => (
          <FieldChoice
            key={f.field}
            conflictId={conflict.id}
            f={f}
            choice={choices[f.field]!}
            onChange={(c) => setChoices((all) => ({ ...all, [f.field]: c }))}
            localError={localErrors[f.field]}
            fe={fe}
          />
        ))}
        <FieldErrorSummary fe={fe} />
        {resolve.isError && <ErrorMessage error={resolve.error} />}
        {asking ? (
          <ConfirmProtected
            fields={protectedChosen.map((f) => fieldLabel(t, f.field))}
            onConfirm={() => {
              const body = build();
              if (body) apply(body);
            }}
            onCancel={() => setAsking(false)}
          />
        ) : (
          <div className="actions">
            <button type="submit" disabled={resolve.isPending}>
              {t('syncUi.resolve')}
            </button>
          </div>
        )}
      </form>
    </article>
  );
}

type T = ReturnType<typeof useTranslation>['t'];
/** A field's label: the case and person fields here, the record fields as corrections name them. */
function fieldLabel(t: T, field: string): string {
  return t(`syncUi.fields.${field}`, { defaultValue: t(`correctUi.fields.${field}`, { defaultValue: field }) });
}

function FieldChoice(props: {
  conflictId: string;
  f: ConflictField;
  choice: Choice;
  onChange: (c: Choice) => void;
  localError?: string;
  fe: FieldErrors;
}) {
  const { t } = useTranslation();
  const { f, choice, fe } = props;
  const name = `${props.conflictId}-${f.field}`;
  const editId = useId();
  const errorId = useId();
  const label = fieldLabel(t, f.field);
  const none = t('syncUi.empty');
  const serverError =
    fe.errorFor(`choices.${f.field}`) ?? fe.errorFor(`data.${f.field}`) ?? fe.errorFor(f.field) ?? undefined;
  const error = props.localError ?? serverError;
  const described = error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
  const option = (take: Take, text: string, value?: string) => (
    <label className="choice">
      <input
        type="radio"
        name={name}
        value={take}
        checked={choice.take === take}
        onChange={() => props.onChange({ ...choice, take })}
        {...described}
      />{' '}
      <span>{text}</span>
      {value !== undefined && <span className="conflict-value">{value}</span>}
    </label>
  );
  return (
    <fieldset className="conflict-field">
      <legend>
        {label}
        {f.protected && (
          <>
            {' '}
            <span className="badge">{t('syncUi.protected')}</span>
          </>
        )}
      </legend>
      <p className="hint">
        {t('syncUi.base')}: <span className="conflict-value">{readable(f.base, none)}</span>
      </p>
      {option('mine', t('syncUi.mine'), readable(f.mine, none))}
      {option('theirs', t('syncUi.theirs'), readable(f.theirs, none))}
      {option('edited', t('syncUi.edit'))}
      {choice.take === 'edited' && (
        <div className="field">
          <label htmlFor={editId}>
            {isTextField(f) ? t('syncUi.editedValue', { field: label }) : t('syncUi.editedJson', { field: label })}
          </label>
          <textarea
            id={editId}
            rows={3}
            value={choice.text}
            onChange={(e) => props.onChange({ ...choice, text: e.target.value })}
            {...described}
          />
        </div>
      )}
      {error && (
        <small id={errorId} className="field-error">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/** Before a protected field is applied: what it is, in full, with the confirming button focused. */
function ConfirmProtected(props: { fields: string[]; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="card confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{t('syncUi.confirmProtected', { fields: props.fields.join(', ') })}</p>
      <div className="actions">
        <button type="button" ref={ref} onClick={props.onConfirm}>
          {t('syncUi.confirm')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
