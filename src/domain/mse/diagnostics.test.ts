import { beforeAll, describe, expect, test } from 'vitest';
import { pairLabel } from './design';
import { fitDiagnostics, histogram, leverages } from './diagnostics';
import { estimatePopulationWith } from './estimate';
import { loadReference } from './fixtures';
import { fitPoisson } from './irls';
import { loadGlpk, type Glpk } from './lp';
import { fitModel, stepwiseFit } from './stepwise';
import { validateCaptureTable } from './table';

let glpk: Glpk;
beforeAll(async () => {
  glpk = await loadGlpk();
});

describe('residuals and influence of a fit', () => {
  test('residuals follow their definitions; squared deviance residuals add up to the deviance', () => {
    const cells = validateCaptureTable(loadReference('western'));
    const model = stepwiseFit(cells, glpk, 0.02);
    const d = fitDiagnostics(cells, model, cells.observed + Math.exp(model.fit.beta[0]));
    expect(d.cells).toHaveLength(model.design.y.length);
    let squares = 0;
    d.cells.forEach((c, r) => {
      expect(c.observed).toBe(model.design.y[r]);
      expect(c.fitted).toBeCloseTo(model.fit.fitted[r], 12);
      expect(c.pearson).toBeCloseTo((c.observed - c.fitted) / Math.sqrt(c.fitted), 12);
      expect(Math.sign(c.deviance)).toBe(Math.sign(c.observed - c.fitted));
      squares += c.deviance ** 2;
    });
    expect(squares).toBeCloseTo(model.fit.deviance, 8);
  });

  test('leverages are the derivative of each fitted cell by its own count, and add up to the parameters', () => {
    const cells = validateCaptureTable(loadReference('neworl_5'));
    const model = fitModel(cells, []);
    const h = leverages(model);
    expect(h.reduce((s, v) => s + v, 0)).toBeCloseTo(model.design.columns.length, 8);
    // For a canonical-link GLM, d mu_r / d y_r = h_r: checked by refitting with one count nudged.
    const epsilon = 1e-4;
    for (const r of [0, 3, 10, 20]) {
      const y = Float64Array.from(model.design.y);
      y[r] += epsilon;
      const nudged = fitPoisson({ ...model.design, y });
      expect((nudged.fitted[r] - model.fit.fitted[r]) / epsilon).toBeCloseTo(h[r], 4);
    }
  });

  test("Cook's distance and the estimate without a cell", () => {
    const cells = validateCaptureTable(loadReference('western'));
    const model = stepwiseFit(cells, glpk, 0.02);
    const estimate = cells.observed + Math.exp(model.fit.beta[0]);
    const d = fitDiagnostics(cells, model, estimate);
    const p = model.design.columns.length;
    expect(d.cellsRefitted).toBe(true);
    for (const c of d.cells) {
      if (c.leverage < 1 - 1e-9)
        expect(c.cooksDistance).toBeCloseTo((c.pearson ** 2 * c.leverage) / (p * (1 - c.leverage) ** 2), 10);
    }
    // The estimate without a cell: the same model fitted by glm on the other cells (here, by hand).
    const r = d.cells.findIndex((c) => c.lists.length === 1 && c.lists[0] === 'A');
    const keep = Array.from(model.design.y, (_, row) => row).filter((row) => row !== r);
    const x = new Float64Array(keep.length * p);
    keep.forEach((row, to) => x.set(model.design.x.subarray(row * p, (row + 1) * p), to * p));
    const refit = fitPoisson({ ...model.design, x, y: Float64Array.from(keep, (row) => model.design.y[row]) });
    expect(d.cells[r].estimateWithout).toBeCloseTo(cells.observed + Math.exp(refit.beta[0]), 6);
    expect(d.cells[r].estimateWithout).not.toBeCloseTo(estimate, 0);
  });

  test('pairs of lists with small overlaps are flagged with their fitted overlap', () => {
    const cells = validateCaptureTable(loadReference('ned_5'));
    const model = stepwiseFit(cells, glpk, 0.02);
    const d = fitDiagnostics(cells, model, 0, { smallOverlap: 10 });
    expect(d.pairs).toHaveLength(10);
    for (const pair of d.pairs) {
      const [i, j] = pair.lists.map((l) => cells.lists.indexOf(l));
      let both = 0;
      cells.counts.forEach((count, mask) => {
        if (mask & (1 << i) && mask & (1 << j)) both += count;
      });
      expect(pair.overlap).toBe(both);
      expect(pair.small).toBe(both < 10);
      const infinite = model.design.infinitePairs.some((q) => pairLabel(cells.lists, q) === pair.lists.join(':'));
      if (infinite) expect(pair.fitted).toBe(0);
      else expect(pair.fitted).toBeGreaterThan(0);
    }
    expect(d.pairs.some((pair) => pair.small)).toBe(true);
    expect(d.pairs.some((pair) => !pair.small)).toBe(true);
  });

  test('every fit carries its diagnostics, lists included when the sensitivity analysis runs', () => {
    const table = loadReference('western');
    const result = estimatePopulationWith(glpk, table, { profile: false, sensitivity: true });
    const d = result.diagnostics!;
    expect(d.lists!.map((l) => l.list)).toEqual(result.lists);
    for (const l of d.lists!) {
      const left = result.sensitivity!.leaveOneOut.find((x) => x.left === l.list)!;
      expect(l.estimate).toBe(left.estimate);
      if (l.estimate !== null) expect(l.change).toBeCloseTo((l.estimate - result.estimate) / result.estimate, 12);
    }
    expect(estimatePopulationWith(glpk, table, { profile: false, diagnostics: false }).diagnostics).toBeUndefined();
  });
});

describe('bootstrap histogram', () => {
  test('bins hold every finite value once, from the smallest to the largest; unbounded ones apart', () => {
    const values = [...Array.from({ length: 500 }, (_, i) => 100 + ((i * 37) % 101)), Infinity, Infinity];
    const h = histogram(values);
    expect(h.unbounded).toBe(2);
    expect(h.finite).toBe(500);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(500);
    expect(h.bins[0].from).toBe(100);
    expect(h.bins.at(-1)!.to).toBe(200);
    h.bins.slice(1).forEach((b, i) => expect(b.from).toBeCloseTo(h.bins[i].to, 9));
    for (const b of h.bins) {
      const inside = values.filter((v) => v >= b.from && (v < b.to || (b === h.bins.at(-1) && v === b.to)));
      expect(b.count).toBe(inside.length);
    }
    expect(histogram([5, 5, 5]).bins).toEqual([{ from: 5, to: 5, count: 3 }]);
    expect(histogram([Infinity])).toEqual({ bins: [], finite: 0, unbounded: 1 });
  });
});
