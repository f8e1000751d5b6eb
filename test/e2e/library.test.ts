import { describe, expect, it } from 'vitest';

describe('the built library entry', () => {
  it('exports the core, the reader and the renderers from dist/index.js', async () => {
    // Through a URL: the type checker runs before the build, when dist/ may not exist yet.
    const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as Record<string, unknown>;
    for (const name of ['readCompounds', 'fenOf', 'InputError', 'renderOutput', 'renderTable', 'writeFileAtomic', 't', 'HOUSING_TYPES', 'loadParams', 'computeCoefficients', 'evaluateCompound', 'evaluateUnit', 'feeForMargin', 'allocate', 'evaluateArrangement']) {
      expect(lib[name], name).toBeDefined();
    }
  });
});
