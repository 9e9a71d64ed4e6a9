/**
 * The cost of the optional hardening (schema `hardening`, issue #20) in linkage quality: the
 * same two sources encoded with no transform (the default), balancing, XOR-folding and BLIP
 * noise at two flip probabilities, each linked at the estimated thresholds; F1 of the clusters
 * and its ratio to the default measured in the same run.
 */
import {
  clusterQuality,
  createEncoder,
  DEFAULT_SCHEMA,
  linkNetwork,
  truthOf,
  type HardeningSpec,
  type SyntheticRecord,
} from '../src/domain/linkage/index';

const SECRET = 'bench-network-linkage-secret-0123456789';

const VARIANTS: Array<[string, HardeningSpec]> = [
  ['none (default)', { transform: 'none' }],
  ['balance', { transform: 'balance' }],
  ['xor-fold', { transform: 'xor-fold' }],
  ['BLIP f=0.02', { transform: 'none', blip: 0.02 }],
  ['BLIP f=0.05', { transform: 'none', blip: 0.05 }],
];

export function benchHardening(records: readonly SyntheticRecord[]): void {
  const truth = truthOf(records);
  let baseline = 0;
  for (const [label, hardening] of VARIANTS) {
    const schema = { ...DEFAULT_SCHEMA, hardening };
    const encoder = createEncoder(SECRET, schema);
    const result = linkNetwork(
      records.map((r) => encoder.encode(r)),
      { schema },
    );
    const { f1, precision, recall } = clusterQuality(result.clusters, truth);
    if (baseline === 0) baseline = f1;
    console.log(
      `hardening ${label.padEnd(15)} F1 ${f1.toFixed(3)} (precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}), ` +
        `${(f1 / baseline).toFixed(3)}× the default's F1, review ${result.stats.review}`,
    );
  }
}
