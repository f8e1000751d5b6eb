import { en } from './en.js';
import type { TraceQuantity, TraceTerm, TraceUnit } from '../../core/trace-term.js';
import type { LabelKey, Lang } from './types.js';
import { zh } from './zh.js';

/**
 * Structured trace terms (src/core/trace-term.ts), worded in either language. The cost model is to
 * return its `explain` formulas as lists of terms instead of English text (issue 12 item 5); the
 * presentation words them here, so a formula reads "56 户 ÷ 300" under `--lang zh` and
 * "56 households ÷ 300" in English. The words are the catalogue's `unit.*` and `term.*` labels.
 */
export type { TraceTerm } from '../../core/trace-term.js';

/** Unit words of the catalogue (`unit.*`), by the short name a term uses. */
const UNIT_KEYS: { readonly [U in TraceUnit]: LabelKey } = {
  m2: 'unit.m2',
  greenM2: 'unit.greenM2',
  households: 'unit.households',
  fte: 'unit.fte',
  gates: 'unit.gates',
  elevators: 'unit.elevators',
  tanks: 'unit.tanks',
  years: 'unit.years',
  months: 'unit.months',
  jobsPerYear: 'unit.jobsPerYear',
  yuan: 'unit.yuan',
  yuanPerJob: 'unit.yuanPerJob',
  yuanPerYear: 'unit.yuanPerYear',
  yuanPerMonth: 'unit.yuanPerMonth',
  yuanPerM2Month: 'unit.yuanPerM2Month',
  yuanPerM2Year: 'unit.yuanPerM2Year',
};

/** Named quantities of the model's formulas (`term.*`). */
const QUANTITY_KEYS: { readonly [Q in TraceQuantity]: LabelKey } = {
  area: 'term.area',
  greenArea: 'term.greenArea',
  households: 'term.households',
  need: 'term.need',
  travel: 'term.travel',
  minimum: 'term.minimum',
  step: 'term.step',
  loadedWage: 'term.loadedWage',
  contributionBase: 'term.contributionBase',
  uninsured: 'term.uninsured',
  directCost: 'term.directCost',
  overheadRate: 'term.overheadRate',
  equipment: 'term.equipment',
  residual: 'term.residual',
  life: 'term.life',
  oncePerUnit: 'term.oncePerUnit',
  assumed: 'term.assumed',
  noGrounds: 'term.noGrounds',
  noGate: 'term.noGate',
  patrol: 'term.patrol',
  staffedGates: 'term.staffedGates',
  cleaningLevel: 'term.cleaningLevel',
  collectionRate: 'term.collectionRate',
  vat: 'term.vat',
  surcharges: 'term.surcharges',
  cost: 'common.cost',
  netRevenue: 'common.netRevenue',
  profit: 'common.profit',
};

const word = (lang: Lang, key: LabelKey): string => (lang === 'zh' ? zh : en)[key];

/** A number with its unit: "813 m²" / "813 ㎡"; a unit word that starts with a letter gets a space. */
function withUnit(lang: Lang, value: number | string, unit: TraceUnit | undefined): string {
  if (!unit) return String(value);
  return `${value} ${word(lang, UNIT_KEYS[unit])}`;
}

/** One term in `lang`. */
function wordTerm(lang: Lang, term: TraceTerm): string {
  switch (term.kind) {
    case 'number':
      return withUnit(lang, term.value, term.unit);
    case 'quantity': {
      const name = word(lang, QUANTITY_KEYS[term.name]);
      return term.value === undefined ? name : `${name} ${withUnit(lang, term.value, term.unit)}`;
    }
    case 'op':
      return term.op;
    case 'param':
      return term.key;
    case 'text':
      return term.text;
  }
}

/** A formula: its terms worded and joined with spaces, without a space inside brackets or before a comma. */
export function wordTerms(lang: Lang, terms: readonly TraceTerm[]): string {
  let out = '';
  for (const term of terms) {
    const w = wordTerm(lang, term);
    const glue = out === '' || out.endsWith('(') || out.endsWith('⌈') || out.endsWith('max') || out.endsWith('min') || w === ')' || w === '⌉' || w === ',' || (w === '(' && /(max|min)$/.test(out)) ? '' : ' ';
    out += glue + w;
  }
  return out;
}
