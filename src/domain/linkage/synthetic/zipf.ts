/**
 * Name-frequency distributions for synthetic identities: a culture's names form
 * a fixed, ranked vocabulary (built from syllable parts) and a name of rank k is
 * drawn with probability proportional to 1 / k^s (Zipf's law, which surname and
 * given-name counts follow closely over their head; see docs/linkage-generator.md).
 * The vocabulary order depends only on the culture, never on the data seed, so
 * "the most common surname" is the same name in every generated set.
 */
import { mulberry32, type Rng } from '../../shared/random';

export interface ZipfSpec {
  /** Distinct names in the vocabulary. */
  size: number;
  /** Zipf exponent s: 0 is uniform, 1 is classic Zipf, larger is more concentrated on the top names. */
  exponent: number;
}

/** A sampler over ranks 0 … size-1 (cumulative weights, binary search). */
export interface ZipfSampler {
  size: number;
  draw(rng: Rng): number;
  /** Probability of rank k. */
  share(rank: number): number;
}

export function zipfSampler({ size, exponent }: ZipfSpec): ZipfSampler {
  if (!(Number.isInteger(size) && size > 0) || !(exponent >= 0))
    throw new RangeError(`Zipf needs a positive size and exponent ≥ 0; got ${size}, ${exponent}`);
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let k = 0; k < size; k++) cumulative[k] = total += (k + 1) ** -exponent;
  return {
    size,
    draw(rng) {
      const x = rng.next() * total;
      let lo = 0;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    share: (rank) => (rank + 1) ** -exponent / total,
  };
}

/** A stable 32-bit seed from a text (FNV-1a). */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The ranked vocabulary of one culture's names: every combination of one item per part list
 * (kept as its parts), distinct once joined, in an order shuffled by `key` (so frequency rank
 * does not follow the lists' order), cut to `size`. Throws if the parts cannot make `size` names.
 */
export function vocabulary(parts: readonly (readonly string[])[], size: number, key: string): string[][] {
  let names: string[][] = [[]];
  for (const list of parts) names = names.flatMap((prefix) => list.map((item) => [...prefix, item]));
  const seen = new Set<string>();
  const distinct = names.filter((name) => {
    const joined = name.join('');
    if (seen.has(joined)) return false;
    seen.add(joined);
    return true;
  });
  if (distinct.length < size)
    throw new RangeError(`Vocabulary ${key}: ${distinct.length} distinct names, ${size} wanted`);
  const random = mulberry32(seedOf(key));
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [distinct[i], distinct[j]] = [distinct[j], distinct[i]];
  }
  return distinct.slice(0, size);
}

/**
 * Chance that two persons drawn independently share a name: Σ p_k². Its inverse is the
 * "effective number" of names, the quantity that sets how many namesakes a data set holds.
 */
export function collisionProbability(spec: ZipfSpec): number {
  const sampler = zipfSampler(spec);
  let sum = 0;
  for (let k = 0; k < spec.size; k++) sum += sampler.share(k) ** 2;
  return sum;
}
