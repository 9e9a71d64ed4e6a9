/**
 * The request body of a differentially private release: one Zod schema validates the request at the
 * edge (and feeds the OpenAPI document), and the privacy-releases service takes its parsed type.
 */
import { z } from 'zod';
import { DIMENSION_KEYS } from './dimensions';
import { POPULATIONS, type StandardPopulationKey } from './populations';

const year = z.number().int().min(1990).max(2100);
export const ReleaseBody = z
  .strictObject({
    networkId: z.string().uuid(),
    population: z.enum(Object.keys(POPULATIONS) as [StandardPopulationKey, ...StandardPopulationKey[]]),
    rows: z.enum(DIMENSION_KEYS),
    cols: z.enum(DIMENSION_KEYS).default('all'),
    from: year,
    to: year,
    epsilon: z.number().min(0.01).max(10).describe('privacy loss of this release, charged to the network budget'),
    mechanism: z.enum(['geometric', 'laplace']).default('geometric'),
  })
  .refine((b) => b.from <= b.to, { message: 'from must not be after to', path: ['from'] });
