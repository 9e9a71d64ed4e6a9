/** The organisation's disclosure threshold floor: shown to everyone who reads reports, set by administrators (the server says who may). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import type { DisclosureFloors } from '../../server/api-types';

export type { DisclosureFloors } from '../../server/api-types';

export function DisclosureFloorCard({ floors }: { floors: DisclosureFloors }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(floors.organisation));
  const save = useMutation({
    mutationFn: (floor: number) =>
      api<DisclosureFloors>('/api/statistics/disclosure-floors/organisation', { method: 'PUT', body: { floor } }),
    onSuccess: (next) => {
      queryClient.setQueryData(['disclosure-floors'], next);
      // Reports computed under the old floor may no longer be allowed: ask again.
      void queryClient.invalidateQueries({ queryKey: ['report'] });
    },
  });
  const floor = Number(value);
  const valid = Number.isInteger(floor) && floor >= 2 && floor <= 20;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (valid) save.mutate(floor);
  }
  return (
    <section className="card" aria-labelledby="floor-title">
      <h2 id="floor-title">{t('stats.floor.title')}</h2>
      <p className="muted">{t('stats.floor.intro')}</p>
      <dl className="facts">
        <dt>{t('stats.floor.organisation')}</dt>
        <dd>{floors.organisation}</dd>
        <dt>{t('stats.floor.network')}</dt>
        <dd>{floors.network}</dd>
      </dl>
      {floors.canSetOrganisation && (
        <form onSubmit={submit}>
          <label className="field">
            <span>{t('stats.floor.newFloor')}</span>
            <input
              type="number"
              min={2}
              max={20}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={!valid}
              aria-describedby="floor-hint"
            />
            <small id="floor-hint">{t('stats.floor.floorHint')}</small>
          </label>
          <ErrorMessage error={save.error} />
          {save.isSuccess && <Notice>{t('stats.floor.saved', { floor: save.data.organisation })}</Notice>}
          <div className="actions">
            <button type="submit" disabled={!valid || save.isPending}>
              {t('stats.floor.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
