/**
 * Settings → Reference lists (issue #17), for administrators: choose a list, read its items in her
 * language, edit an item's labels in every language, add an item, move items up or down, retire and
 * restore them (never delete: old records keep the code), and accept or dismiss the items a release
 * proposes. The means list shows and sets the Palermo means mark, which alone makes an item count as a means.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceLists, type RefItem, type RefList } from '../api/cases';
import { useAddItem, useChangeList, useDecideProposal, useProposals, type ListLabels } from '../api/lists';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import { FieldError, FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { LANGUAGES, listLabel } from '../i18n';

const MEANS_LIST = 'palermo_means';

function useListName() {
  const { t, i18n } = useTranslation();
  return (key: string) => (i18n.exists(`listsUi.names.${key}`) ? t(`listsUi.names.${key}`) : key.replaceAll('_', ' '));
}

/** One input per language of locales/, English first and required (the fallback for the others). */
function LabelInputs({
  labels,
  onChange,
  fe,
  idPrefix,
}: {
  labels: ListLabels;
  onChange: (labels: ListLabels) => void;
  fe: ReturnType<typeof useFieldErrors>;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="label-inputs">
      <legend>{t('listsUi.labels')}</legend>
      {Object.entries(LANGUAGES).map(([language, name]) => (
        <label key={language} className="field" htmlFor={`${idPrefix}-${language}`}>
          <span>
            {t('listsUi.labelIn', { language: name })}
            {language === 'en' ? ' *' : ''}
          </span>
          <input
            id={`${idPrefix}-${language}`}
            lang={language}
            value={labels[language] ?? ''}
            required={language === 'en'}
            maxLength={200}
            onChange={(e) => onChange({ ...labels, [language]: e.target.value })}
            {...fe.describe(`labels.${language}`)}
          />
          <FieldError fe={fe} path={`labels.${language}`} />
        </label>
      ))}
    </fieldset>
  );
}

/** Empty inputs are left out: a language without its own label falls back to the seed text, then English. */
const filled = (labels: ListLabels): ListLabels =>
  Object.fromEntries(Object.entries(labels).filter(([, v]) => v.trim() !== ''));

function EditItem({ list, item, onClose }: { list: RefList; item: RefItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [labels, setLabels] = useState<ListLabels>(
    Object.fromEntries(Object.entries(item.label).filter((e): e is [string, string] => typeof e[1] === 'string')),
  );
  const [means, setMeans] = useState(item.meta?.palermoMeans === true);
  const change = useChangeList(list.key);
  const fe = useFieldErrors(change.error);
  return (
    <form
      className="card"
      aria-labelledby={`edit-${item.code}-title`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        change.mutate(
          {
            change: {
              kind: 'edit',
              code: item.code,
              labels: filled(labels),
              ...(list.key === MEANS_LIST ? { palermoMeans: means } : {}),
            },
            version: list.version,
          },
          { onSuccess: onClose },
        );
      }}
    >
      <h3 id={`edit-${item.code}-title`}>{t('listsUi.editTitle', { code: item.code })}</h3>
      <LabelInputs labels={labels} onChange={setLabels} fe={fe} idPrefix={`edit-${item.code}`} />
      {list.key === MEANS_LIST && (
        <label className="checkbox">
          <input type="checkbox" checked={means} onChange={(e) => setMeans(e.target.checked)} />
          {t('listsUi.palermoMeans')}
        </label>
      )}
      <FieldErrorSummary fe={fe} />
      {!fe.any && <ErrorMessage error={change.error} />}
      <div className="actions">
        <button type="submit" disabled={change.isPending}>
          {t('listsUi.save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('listsUi.cancel')}
        </button>
      </div>
    </form>
  );
}

function AddItem({ list }: { list: RefList }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [labels, setLabels] = useState<ListLabels>({});
  const [means, setMeans] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const add = useAddItem(list.key, () => {
    setAdded(code);
    setCode('');
    setLabels({});
    setMeans(false);
  });
  const fe = useFieldErrors(add.error);
  return (
    <form
      className="card"
      aria-labelledby="add-item-title"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setAdded(null);
        add.mutate({
          code: code.trim(),
          labels: filled(labels),
          ...(list.key === MEANS_LIST ? { palermoMeans: means } : {}),
          version: list.version,
        });
      }}
    >
      <h2 id="add-item-title">{t('listsUi.addTitle')}</h2>
      <label className="field" htmlFor="add-item-code">
        <span>{t('listsUi.code')} *</span>
        <input
          id="add-item-code"
          value={code}
          required
          maxLength={64}
          aria-describedby={`add-item-code-hint${fe.errorFor('code') ? ` ${fe.idFor('code')}` : ''}`}
          aria-invalid={fe.errorFor('code') ? true : undefined}
          onChange={(e) => setCode(e.target.value)}
        />
        <small id="add-item-code-hint">{t('listsUi.codeHint')}</small>
        <FieldError fe={fe} path="code" />
      </label>
      <LabelInputs labels={labels} onChange={setLabels} fe={fe} idPrefix="add-item" />
      {list.key === MEANS_LIST && (
        <label className="checkbox">
          <input type="checkbox" checked={means} onChange={(e) => setMeans(e.target.checked)} />
          {t('listsUi.palermoMeans')}
        </label>
      )}
      <FieldErrorSummary fe={fe} />
      {!fe.any && <ErrorMessage error={add.error} />}
      {added && <Notice>{t('listsUi.added', { code: added })}</Notice>}
      <button type="submit" disabled={add.isPending}>
        {t('listsUi.add')}
      </button>
    </form>
  );
}

function Items({ list }: { list: RefList }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const change = useChangeList(list.key);
  const [editing, setEditing] = useState<string | null>(null);
  const codes = list.items.map((i) => i.code);
  const move = (index: number, by: -1 | 1) => {
    const next = [...codes];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    change.mutate({ change: { kind: 'reorder', codes: next }, version: list.version });
  };
  const editedItem = list.items.find((i) => i.code === editing);
  return (
    <>
      <ErrorMessage error={change.error} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('listsUi.itemsOf')}>
        <table>
          <caption className="visually-hidden">{t('listsUi.itemsOf')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('listsUi.code')}</th>
              <th scope="col">{t('listsUi.label')}</th>
              <th scope="col">{t('listsUi.status')}</th>
              <th scope="col">{t('listsUi.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item, index) => {
              const label = listLabel(item.label, list.key, item.code, language);
              return (
                <tr key={item.code}>
                  <td>
                    <code>{item.code}</code>
                  </td>
                  <td>
                    {label}
                    {list.key === MEANS_LIST && item.meta?.palermoMeans === true && (
                      <small className="muted"> · {t('listsUi.meansMark')}</small>
                    )}
                  </td>
                  <td>{item.active ? t('listsUi.active') : t('listsUi.retired')}</td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('listsUi.editItem', { label })}
                        onClick={() => setEditing(item.code)}
                      >
                        {t('listsUi.edit')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('listsUi.moveUp', { label })}
                        disabled={index === 0 || change.isPending}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('listsUi.moveDown', { label })}
                        disabled={index === list.items.length - 1 || change.isPending}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </button>
                      {item.active ? (
                        <ConfirmButton
                          className="secondary"
                          label={t('listsUi.retireItem', { label })}
                          question={t('listsUi.retireQuestion', { label })}
                          confirmLabel={t('listsUi.retire')}
                          disabled={change.isPending}
                          onConfirm={() =>
                            change.mutate({ change: { kind: 'retire', code: item.code }, version: list.version })
                          }
                        />
                      ) : (
                        <ConfirmButton
                          className="secondary"
                          label={t('listsUi.restoreItem', { label })}
                          question={t('listsUi.restoreQuestion', { label })}
                          confirmLabel={t('listsUi.restore')}
                          disabled={change.isPending}
                          onConfirm={() =>
                            change.mutate({ change: { kind: 'restore', code: item.code }, version: list.version })
                          }
                        />
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {editedItem && <EditItem key={editedItem.code} list={list} item={editedItem} onClose={() => setEditing(null)} />}
    </>
  );
}

function Proposals() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const listName = useListName();
  const proposals = useProposals();
  const decide = useDecideProposal();
  const items = proposals.data?.proposals ?? [];
  return (
    <section className="card" aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('listsUi.proposalsTitle')}</h2>
      <p className="muted">{t('listsUi.proposalsHint')}</p>
      <ErrorMessage error={proposals.error ?? decide.error} />
      {items.length === 0 ? (
        <p className="muted">{t('listsUi.noProposals')}</p>
      ) : (
        <ul className="entries">
          {items.map((p) => {
            const label = listLabel(p.label, p.listKey, p.code, language);
            const list = listName(p.listKey);
            return (
              <li key={`${p.listKey}.${p.code}`}>
                <strong>{label}</strong> <code>{p.code}</code> — {list}
                <div className="actions">
                  <ConfirmButton
                    label={t('listsUi.acceptItem', { label })}
                    question={t('listsUi.acceptQuestion', { label, list })}
                    confirmLabel={t('listsUi.accept')}
                    disabled={decide.isPending}
                    onConfirm={() => decide.mutate({ listKey: p.listKey, code: p.code, decision: 'accept' })}
                  />
                  <ConfirmButton
                    className="secondary"
                    label={t('listsUi.dismissItem', { label })}
                    question={t('listsUi.dismissQuestion', { label, list })}
                    confirmLabel={t('listsUi.dismiss')}
                    disabled={decide.isPending}
                    onConfirm={() => decide.mutate({ listKey: p.listKey, code: p.code, decision: 'dismiss' })}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function ListsPage() {
  const { t } = useTranslation();
  const listName = useListName();
  const lists = useReferenceLists();
  const all = [...(lists.data?.lists ?? [])].sort((a, b) => listName(a.key).localeCompare(listName(b.key)));
  const [chosen, setChosen] = useState('services');
  const list = all.find((l) => l.key === chosen) ?? all[0];
  return (
    <section aria-labelledby="lists-title">
      <h2 id="lists-title">{t('listsUi.title')}</h2>
      <p className="muted">{t('listsUi.intro')}</p>
      <Proposals />
      <ErrorMessage error={lists.error} />
      {list && (
        <section className="card" aria-labelledby="list-items-title">
          <label className="field" htmlFor="list-choice">
            <span>{t('listsUi.chooseList')}</span>
            <select id="list-choice" value={list.key} onChange={(e) => setChosen(e.target.value)}>
              {all.map((l) => (
                <option key={l.key} value={l.key}>
                  {listName(l.key)}
                </option>
              ))}
            </select>
          </label>
          <h2 id="list-items-title">{listName(list.key)}</h2>
          <Items key={list.key} list={list} />
        </section>
      )}
      {list && <AddItem key={list.key} list={list} />}
    </section>
  );
}
