/** Thin handlers for person-based reports, the registry of estimates and multiple systems estimation. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DIMENSION_KEYS, POPULATIONS, publicationOf, type StandardPopulationKey } from '../../../domain/statistics';
import { disclosureFloors, setNetworkFloor, setOrganisationFloor } from '../../../services/disclosure-floors';
import type { AppContext } from '../../../services/context';
import { listEstimates, runMse } from '../../../services/estimates';
import { networkCaptureHistories } from '../../../services/capture-tables';
import { outcomeCohort } from '../../../services/outcomes';
import { cohortToCsv } from '../../../domain/outcomes';
import { cohortXlsx } from '../../../services/exports';
import { exportReport, organisationReport } from '../../../services/statistics';
import { heavyRateLimit } from '../../plugins/heavy';
import { requireSession } from '../../plugins/session';
import { CohortViewSchema, presentCohort } from '../../presenters/cohort';
import { presentEstimate } from '../../presenters/estimate';
import { errorResponses } from '../../schemas';
import { requestLanguage } from '../../../services/preferences';
import { translateNote, translateReportTexts } from '../../../services/server-text';
import { MseBody } from '../../../domain/mse/inputs';
import { MseResultSchema, overlapsOf, presentMseResult } from '../../presenters/mse';

export { MseResultSchema };

const year = z.coerce.number().int().min(1990).max(2100);
const ReportQuery = z
  .strictObject({
    population: z.enum(Object.keys(POPULATIONS) as [StandardPopulationKey, ...StandardPopulationKey[]]),
    rows: z.enum(DIMENSION_KEYS),
    cols: z.enum(DIMENSION_KEYS).default('all'),
    from: year.default(2000),
    to: year.default(2100),
    threshold: z.coerce
      .number()
      .int()
      .min(2)
      .max(20)
      .optional()
      .describe(
        'smallest count shown; never below the floor set by the organisation (and, for network scope, by the networks and members); omitted: the floor',
      ),
    format: z.enum(['json', 'csv', 'xlsx', 'ctdc']).default('json'),
    scope: z
      .enum(['organisation', 'network'])
      .default('organisation')
      .describe('network: all organisations in your networks, each person counted once through record linkage'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

const CohortQuery = z.strictObject({
  scope: z.enum(['organisation', 'network']).default('organisation'),
  threshold: z.coerce
    .number()
    .int()
    .min(2)
    .max(20)
    .optional()
    .describe(
      'smallest count shown; never below the disclosure floor of the organisation (and, for network scope, of its networks and members); omitted: the floor',
    ),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

const Count = z.union([z.number(), z.strictObject({ suppressed: z.literal(true), reason: z.string() })]);
const FloorValue = z.number().int().min(2).max(20);
export const FloorsSchema = z
  .strictObject({
    organisation: z.number().int(),
    network: z.number().int(),
    canSetOrganisation: z.boolean(),
    networks: z.array(
      z.strictObject({ id: z.string(), name: z.string(), floor: z.number().int(), canSet: z.boolean() }),
    ),
  })
  .meta({ id: 'DisclosureFloors' });
// Closed, field by field: a number not listed here (a count of facts, an audit interval) cannot leave by accident.
export const ReportSchema = z
  .strictObject({
    counts: z.literal('persons'),
    population: z.string(),
    populationKind: z.enum(['trafficking', 'separate']),
    definition: z.string(),
    period: z.strictObject({ from: z.number(), to: z.number() }),
    scope: z.strictObject({
      description: z.string(),
      networkId: z.string().optional(),
      organisationIds: z.array(z.string()).optional(),
      geography: z.string().optional(),
    }),
    provenance: z.strictObject({
      generatedAt: z.string(),
      source: z.string(),
      deduplication: z.string(),
      personsCounted: z
        .number()
        .int()
        .optional()
        .describe('the published grand total; absent when the grand total is hidden'),
      disclosureControl: z.array(z.string()),
    }),
    rowDimension: z.string(),
    colDimension: z.string(),
    notes: z.array(z.string()),
    threshold: z.number().int().describe('the disclosure threshold applied'),
    table: z.strictObject({
      rows: z.array(z.string()),
      cols: z.array(z.string()),
      cells: z.array(z.array(Count)),
      rowTotals: z.array(Count),
      colTotals: z.array(Count),
      grandTotal: Count,
      rowsAddUp: z.boolean(),
      colsAddUp: z.boolean(),
    }),
  })
  .meta({ id: 'PublishedReport' });

const Estimated = z.strictObject({ terms: z.array(z.string()), estimate: z.number().nullable() });
const SavedSensitivitySchema = z
  .strictObject({
    threshold: z.number(),
    thresholds: z.array(z.strictObject({ threshold: z.number(), estimate: z.number().nullable() })),
    leaveOneOut: z.array(z.strictObject({ left: z.string(), estimate: z.number().nullable() })),
    merged: z.array(z.strictObject({ pair: z.array(z.string()), estimate: z.number().nullable() })),
    selections: z.strictObject({ stepwise: Estimated, aic: Estimated, aicc: Estimated, bic: Estimated }),
    averaged: z.strictObject({
      estimate: z.number().nullable(),
      interval: z.array(z.number().nullable()),
      method: z.string(),
      models: z.number(),
    }),
    range: z.array(z.number().nullable()),
  })
  .meta({ id: 'SavedMseSensitivity' });

const Citation = z.object({
  source: z.string(),
  title: z.string().optional(),
  year: z.number().optional(),
  page: z.string().optional(),
  locator: z.string(),
  attributedTo: z.string().optional(),
});
export const EstimateView = z
  .object({
    id: z.string(),
    value: z.number().optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    figureText: z.string().optional(),
    unit: z.string(),
    unitNote: z.string().optional(),
    scope: z.object({ geography: z.string(), period: z.string(), forms: z.array(z.string()) }),
    method: z.string(),
    caveat: z.string().optional(),
    flags: z.array(z.string()).optional(),
    originalSource: Citation,
    citingSources: z.array(Citation),
    chain: z.object({
      links: z.array(z.object({ role: z.string(), citation: Citation, creditedTo: z.string(), recast: z.boolean() })),
      recast: z.boolean(),
      creditedTo: z.array(z.string()),
    }),
    origin: z.enum(['seed', 'ariadne_mse']),
    mse: z
      .object({
        lists: z.array(z.string()),
        terms: z.array(z.string()),
        model: z.string(),
        // An unbounded upper limit is stored as null (JSON has no Infinity).
        interval: z.array(z.number().nullable()),
        intervalMethod: z
          .enum(['bca', 'percentile', 'wald', 'not_recorded'])
          .describe('how the interval was computed; not_recorded for estimates saved before it was kept'),
        level: z.number().optional(),
        bootstrap: z
          .strictObject({
            replicates: z.number(),
            failed: z.number().describe('replicates without a finite estimate, counted as unbounded'),
            failedShare: z.number(),
            seed: z.number(),
            generator: z
              .enum(['xoshiro128**', 'given', 'not_recorded'])
              .describe(
                'the generator that drew the resamples from the seed; given: the resampled tables came with the request; not_recorded: saved before it was kept',
              ),
          })
          .optional(),
        goodnessOfFit: z.object({ test: z.string(), pValue: z.number().nullable() }).optional(),
        observed: z.number(),
        sensitivity: SavedSensitivitySchema.optional().describe('what the figure is sensitive to, saved with it'),
        caveats: z.array(z.string()).optional(),
      })
      .optional(),
  })
  .meta({ id: 'Estimate' });

/** GET /api/estimates. */
export const EstimatesResponse = z.object({ estimates: z.array(EstimateView) });
/** GET /api/mse/capture-histories. */
export const CaptureHistoriesResponse = z.object({
  by: z.string(),
  lists: z.array(z.string()),
  rows: z.array(z.object({ lists: z.array(z.number()), count: z.number() })),
  persons: z.number(),
  csv: z.string(),
  note: z.string(),
});
/** POST /api/mse. */
export const MseResponse = z.strictObject({ result: MseResultSchema, savedEstimateId: z.string().optional() });

export const statisticsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/statistics/report',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['statistics'],
        summary:
          'Persons (never cases) of one population, cross-tabulated, with small cells suppressed; CSV, XLSX or CTDC-like JSON with format=',
        querystring: ReportQuery,
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await organisationReport(ctx, requireSession(request).actor, query);
      if (format === 'json') {
        const language = await requestLanguage(ctx, request.session!.actor, request.headers['accept-language']);
        return translateReportTexts(publicationOf(report), language);
      }
      const file = await exportReport(report, format, { ctx, organisationId: request.session!.actor.organisationId });
      const name = `ariadne-${query.population}-${query.rows}-${query.cols}-${query.from}-${query.to}.${file.extension}`;
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file.body as never);
    },
  );

  app.get(
    '/api/statistics/disclosure-floors',
    {
      schema: {
        tags: ['statistics'],
        summary:
          "The smallest disclosure thresholds reports accept: the organisation's own, and the strictest over its networks and members for network scope",
        response: { 200: FloorsSchema, ...errorResponses },
      },
    },
    async (request) => disclosureFloors(ctx, requireSession(request).actor),
  );

  app.put(
    '/api/statistics/disclosure-floors/organisation',
    {
      schema: {
        tags: ['statistics'],
        summary: "Sets the organisation's disclosure threshold floor (administrators)",
        body: z.strictObject({ floor: FloorValue }),
        response: { 200: FloorsSchema, ...errorResponses },
      },
    },
    async (request) => setOrganisationFloor(ctx, requireSession(request).actor, request.body.floor),
  );

  app.put(
    '/api/statistics/disclosure-floors/networks/:networkId',
    {
      schema: {
        tags: ['statistics'],
        summary: "Sets a network's disclosure threshold floor (network managers of the lead organisation)",
        params: z.strictObject({ networkId: z.string().uuid() }),
        body: z.strictObject({ floor: FloorValue }),
        response: { 200: FloorsSchema, ...errorResponses },
      },
    },
    async (request) =>
      setNetworkFloor(ctx, requireSession(request).actor, request.params.networkId, request.body.floor),
  );

  app.get(
    '/api/statistics/cohort',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['statistics'],
        summary:
          'Outcome cohort aggregates (persons): share with progress per dimension at 6/12/24/36+ months, time to milestones, factor prevalence; small cells and small complements hidden; CSV or XLSX with format=',
        querystring: CohortQuery,
        response: { 200: CohortViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, ...options } = request.query;
      const cohort = await outcomeCohort(ctx, requireSession(request).actor, options);
      if (format === 'json') return presentCohort(cohort);
      const provenance = {
        counts: cohort.counts,
        scope: cohort.scope,
        generatedAt: cohort.generatedAt,
        threshold: cohort.threshold,
      };
      const body =
        format === 'csv'
          ? cohortToCsv(cohort, provenance)
          : await cohortXlsx(ctx, requireSession(request).actor, cohort, provenance);
      const type =
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="ariadne-cohort-${options.scope}.${format}"`)
        .send(body as never);
    },
  );

  app.get(
    '/api/estimates',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The registry of estimates with provenance and citation chains (recast figures flagged)',
        response: { 200: EstimatesResponse, ...errorResponses },
      },
    },
    async (request) => ({
      estimates: (await listEstimates(ctx, requireSession(request).actor)).map(presentEstimate),
    }),
  );

  app.get(
    '/api/mse/capture-histories',
    {
      schema: {
        tags: ['statistics'],
        summary:
          "A capture-history table built from the network's own records: one list per organisation or per identification channel, each person once through record linkage",
        querystring: z.strictObject({ by: z.enum(['organisation', 'channel']).default('organisation') }),
        response: {
          200: CaptureHistoriesResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireSession(request).actor;
      const histories = await networkCaptureHistories(ctx, actor, request.query.by);
      const language = await requestLanguage(ctx, actor, request.headers['accept-language']);
      return { ...histories, note: translateNote(histories.note, language) };
    },
  );

  app.post(
    '/api/mse',
    {
      config: { rateLimit: heavyRateLimit(ctx) },
      schema: {
        tags: ['statistics'],
        summary:
          'Multiple systems estimation of the hidden population from a capture-history table; optionally saved to the registry',
        body: MseBody,
        response: {
          200: MseResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireSession(request).actor;
      const { result, lists, histories, savedEstimateId } = await runMse(ctx, actor, request.body);
      // The warnings for people, in her language (the saved estimate keeps them as computed, in English).
      const language = await requestLanguage(ctx, actor, request.headers['accept-language']);
      const warnings = result.warnings.map((w) => ({ code: w.code, message: translateNote(w.message, language) }));
      return {
        result: presentMseResult(result, warnings, overlapsOf(lists, histories)),
        ...(savedEstimateId ? { savedEstimateId } : {}),
      };
    },
  );
};
