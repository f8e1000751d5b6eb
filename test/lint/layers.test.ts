import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layers of src/ are enforced by lint (eslint.config.js, src/ARCHITECTURE.md). Each case plants
 * a file with one import in a folder, runs eslint on it exactly as `npm run lint` does, and checks
 * which imports are refused.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const planted: string[] = [];
afterAll(() => {
  for (const f of planted) rmSync(f, { force: true });
});

async function lintPlanted(folder: string, source: string): Promise<string[]> {
  const file = join(ROOT, 'src', folder, `planted-${process.pid}-${planted.length}.ts`);
  planted.push(file);
  writeFileSync(file, `${source}\nexport const planted = 1;\n`);
  try {
    const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file]);
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('layers', () => {
  it('refuses the model importing io or the CLI', async () => {
    const io = await lintPlanted('model', "import { readCompounds } from '../io/read-compounds.js';\nvoid readCompounds;");
    expect(io).toHaveLength(1);
    expect(io[0]).toMatch(/src\/model\/ must not import this layer/);
    const cli = await lintPlanted('model', "import { emit } from '../cli/shell.js';\nvoid emit;");
    expect(cli).toHaveLength(1);
  });

  it('refuses io importing the model, and present importing render', async () => {
    expect(await lintPlanted('io', "import { evaluateCompound } from '../model/evaluate-compound.js';\nvoid evaluateCompound;")).toHaveLength(1);
    expect(await lintPlanted('present', "import { renderCsv } from '../render/csv.js';\nvoid renderCsv;")).toHaveLength(1);
  });

  it('lets a renderer name the types of results but not call what computes them', async () => {
    expect(await lintPlanted('render', "import type { ReportData } from '../analyses/report-data.js';\nexport type X = ReportData;")).toEqual([]);
    const value = await lintPlanted('render', "import { buildReport } from '../analyses/report-data.js';\nvoid buildReport;");
    expect(value).toHaveLength(1);
    expect(value[0]).toMatch(/a renderer only formats/);
  });

  it('allows imports down the layers', async () => {
    expect(await lintPlanted('analyses', "import { evaluateCompound } from '../model/evaluate-compound.js';\nimport { fenOf } from '../core/money.js';\nvoid evaluateCompound;\nvoid fenOf;")).toEqual([]);
  });
});
