import { afterEach, describe, expect, test, vi } from 'vitest';
import { linkageKernelChoice } from '../../src/config/env';

describe('ARIADNE_LINKAGE_KERNEL', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  test('auto unless set; auto, wasm or js; anything else fails loudly', () => {
    expect(linkageKernelChoice({})).toBe('auto');
    for (const choice of ['auto', 'wasm', 'js'] as const)
      expect(linkageKernelChoice({ ARIADNE_LINKAGE_KERNEL: choice })).toBe(choice);
    expect(() => linkageKernelChoice({ ARIADNE_LINKAGE_KERNEL: 'fast' })).toThrow(/ARIADNE_LINKAGE_KERNEL/);
  });

  test.each([
    ['js', /^js$/],
    ['auto', /^wasm/],
  ])("a worker thread's tasks module sets the Dice kernel from it (%s)", async (value, expected) => {
    vi.stubEnv('ARIADNE_LINKAGE_KERNEL', value);
    vi.resetModules();
    await import('../../src/workers/tasks');
    const { diceKernel } = await import('../../src/domain/linkage/kernel');
    expect(diceKernel().name).toMatch(expected);
  });
});
