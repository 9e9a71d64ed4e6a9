/** The network: directory search for everyone; the referral-flow graph and coverage gaps for coordinators (aggregates only). */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { DirectorySearch } from '../../server/api-types';
import { useLabel } from '../api/cases';
import type { SessionView } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { CodeSelect, Field } from '../cases/fields';
import { ContactsChart } from '../handoffs/ContactsChart';
import type { z } from 'zod';
import type { CoverageGapsSchema, NetworkGraphSchema } from '../../server/routes/referrals/routes';

/** Inferred from the server's route schemas. */
type Graph = z.infer<typeof NetworkGraphSchema>;
type Gaps = z.infer<typeof CoverageGapsSchema>;

function NetworkGraph({ graph }: { graph: Graph }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let destroyed = false;
    let cy: { destroy(): void } | undefined;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (destroyed || !ref.current) return;
      const agreementEdges = graph.agreements.flatMap((a) =>
        a.members.slice(1).map((m) => ({
          data: { id: `${a.id}-${m}`, source: a.members[0], target: m, kind: 'agreement', label: '' },
        })),
      );
      const flowEdges = graph.flows.map((f, i) => ({
        data: {
          id: `flow-${i}`,
          source: f.source,
          target: f.target,
          kind: 'flow',
          label: String(f.count),
          weight: f.count,
        },
      }));
      cy = cytoscape({
        container: ref.current,
        elements: [...graph.nodes.map((n) => ({ data: { id: n.id, label: n.name } })), ...agreementEdges, ...flowEdges],
        layout: { name: 'circle' },
        style: [
          {
            selector: 'node',
            style: {
              label: 'data(label)',
              'background-color': '#1d4f91',
              color: '#1b1f24',
              'font-size': 11,
              'text-valign': 'bottom',
              'text-wrap': 'wrap',
              'text-max-width': '120px',
            },
          },
          {
            selector: 'edge[kind = "agreement"]',
            style: { 'line-style': 'dashed', 'line-color': '#7b8594', width: 1 },
          },
          {
            selector: 'edge[kind = "flow"]',
            style: {
              'curve-style': 'bezier',
              'target-arrow-shape': 'triangle',
              'line-color': '#a4161a',
              'target-arrow-color': '#a4161a',
              width: 'mapData(weight, 1, 20, 2, 10)',
              label: 'data(label)',
              'font-size': 11,
            },
          },
        ],
        userZoomingEnabled: true,
      });
    });
    return () => {
      destroyed = true;
      cy?.destroy();
    };
  }, [graph]);
  const name = (id: string) => graph.nodes.find((n) => n.id === id)?.name ?? '';
  const summary =
    graph.flows
      .map((f) => t('net.flowSummary', { from: name(f.source), to: name(f.target), count: f.count }))
      .join('; ') || t('net.noFlows');
  return (
    <>
      <div
        ref={ref}
        className="network-graph"
        role="img"
        aria-label={`${t('net.graphTitle')}: ${summary}`}
        data-testid="network-graph"
      />
      <p className="muted">{summary}</p>
    </>
  );
}

export function NetworkPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const label = useLabel();
  const aggregates = session.permissions.viewNetworkAggregates;
  const [from, setFrom] = useState(`${new Date().getUTCFullYear() - 1}-01-01`);
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const [graphService, setGraphService] = useState('');
  const [graphTerritory, setGraphTerritory] = useState('');
  const graphParams = new URLSearchParams(
    Object.entries({ from, to, service: graphService, territory: graphTerritory }).filter(([, v]) => v),
  ).toString();
  const graph = useQuery({
    queryKey: ['network-graph', graphParams],
    enabled: aggregates,
    queryFn: () => api<Graph>(`/api/network/graph?${graphParams}`),
  });
  const gaps = useQuery({
    queryKey: ['network-gaps'],
    enabled: aggregates,
    queryFn: () => api<Gaps>('/api/network/gaps'),
  });
  const [q, setQ] = useState({ service: '', language: '', territory: '', targetGroup: '' });
  const [search, setSearch] = useState(q);
  const params = new URLSearchParams(Object.entries(search).filter(([, v]) => v));
  const directory = useQuery({
    queryKey: ['directory', params.toString()],
    queryFn: () => api<DirectorySearch>(`/api/directory?${params}`),
  });

  return (
    <section>
      <h1>{t('net.title')}</h1>
      {aggregates && <ContactsChart scope="network" />}
      {aggregates && (
        <section className="card" aria-labelledby="graph-title">
          <h2 id="graph-title">{t('net.graphTitle')}</h2>
          <div className="filters">
            <Field label={t('net.from')} type="date" value={from} onChange={setFrom} />
            <Field label={t('net.to')} type="date" value={to} onChange={setTo} />
            <CodeSelect
              label={t('caseUi.service')}
              listKey="services"
              name="graph-service"
              value={graphService}
              onChange={setGraphService}
            />
            <Field label={t('net.territory')} value={graphTerritory} onChange={setGraphTerritory} />
          </div>
          <ErrorMessage error={graph.error} />
          {graph.data && <NetworkGraph graph={graph.data} />}
        </section>
      )}
      {aggregates && gaps.data && (
        <section className="card" aria-labelledby="gaps-title">
          <h2 id="gaps-title">{t('net.gapsTitle')}</h2>
          <p className="muted">{t('net.gapsLegend')}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('net.gapsTitle')}>
            <table className="gaps">
              <thead>
                <tr>
                  <th scope="col">{t('caseUi.service')}</th>
                  {gaps.data.territories.map((ter) => (
                    <th scope="col" key={ter}>
                      {ter}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...new Set(gaps.data.cells.map((c) => c.service))].map((service) => (
                  <tr key={service}>
                    <th scope="row">{label('services', service)}</th>
                    {gaps.data!.territories.map((ter) => {
                      const cell = gaps.data!.cells.find((c) => c.service === service && c.territory === ter)!;
                      return (
                        <td key={ter} className={cell.gap ? 'gap' : cell.capacityExhausted ? 'full' : ''}>
                          {cell.gap
                            ? t('net.noProvider')
                            : cell.capacityExhausted
                              ? t('net.full', { count: cell.providers })
                              : cell.providers}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('labourStats.employersShared')}</h3>
          {gaps.data.employersByTerritory.length === 0 ? (
            <p className="muted">{t('labourStats.noEmployers')}</p>
          ) : (
            <ul data-testid="gaps-employers">
              {gaps.data.employersByTerritory.map((e) => (
                <li key={e.territory}>
                  {t('labourStats.employersIn', { territory: e.territory, count: e.employers })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <form
        className="card"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setSearch(q);
        }}
        aria-labelledby="directory-title"
      >
        <h2 id="directory-title">{t('net.directory')}</h2>
        <div className="filters">
          <CodeSelect
            label={t('caseUi.service')}
            listKey="services"
            value={q.service}
            onChange={(service) => setQ({ ...q, service })}
          />
          <Field label={t('caseUi.language')} value={q.language} onChange={(language) => setQ({ ...q, language })} />
          <Field label={t('net.territory')} value={q.territory} onChange={(territory) => setQ({ ...q, territory })} />
          {/* The organisation's list target_groups (issue #17): the codes partners' entries name. */}
          <CodeSelect
            label={t('net.targetGroup')}
            listKey="target_groups"
            value={q.targetGroup}
            onChange={(targetGroup) => setQ({ ...q, targetGroup })}
          />
          <div className="actions">
            <button type="submit">{t('caseUi.search')}</button>
          </div>
        </div>
        <ErrorMessage error={directory.error} />
        <ul className="entries">
          {directory.data?.entries.map((e) => (
            <li key={e.id}>
              <strong>{e.name}</strong> · {e.territory} · {e.languages.join(', ')} ·{' '}
              {e.services.map((s) => label('services', s)).join(', ')}
              {e.shelterPlacesFree !== null && ` · ${t('net.placesFree', { count: e.shelterPlacesFree })}`}
              {e.contactRoute ? ` · ${e.contactRoute}` : ''}
            </li>
          ))}
        </ul>
      </form>
    </section>
  );
}
