import { describe, expect, it } from 'vitest';
import { readCompounds } from '../../src/io/read-compounds.js';
import { JJY, YYHY } from '../helpers/compounds.js';

describe('the test helpers are the bundled case study', () => {
  it('JJY and YYHY match fixtures/case-study.csv field by field', async () => {
    const { compounds } = await readCompounds('fixtures/case-study.csv');
    const strip = ({ source: _s, ...c }: (typeof compounds)[number]) => c;
    expect(strip(compounds.find((c) => c.id === 'JJY')!)).toEqual(JJY);
    expect(strip(compounds.find((c) => c.id === 'YYHY')!)).toEqual(YYHY);
  });
});
