import { en } from './en.js';
import type { TraceQuantity, TraceTerm, TraceUnit } from '../../core/trace-term.js';
import type { LabelKey, Lang } from './types.js';
import { zh } from './zh.js';

/**
 * Structured trace terms (src/core/trace-term.ts), worded in either language. The cost model is to
 * return its `explain` formulas as lists of terms instead of English text (issue 12 item 5); the
 * presentation words them here, so a formula reads "56 户 ÷ 300" under `--lang zh` and
 * "56 households ÷ 300" in English. The words are the catalogue's `unit.*`, `term.*` and
 * `service.*` labels.
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
  smallGreenM2: 'unit.smallGreenM2',
  hours: 'unit.hours',
  days: 'unit.days',
  hoursPerDay: 'unit.hoursPerDay',
  hoursPerDayPost: 'unit.hoursPerDayPost',
  points: 'unit.points',
  sites: 'unit.sites',
  storeys: 'unit.storeys',
  tripsPerYear: 'unit.tripsPerYear',
  yuanPerTrip: 'unit.yuanPerTrip',
  yuanPerSite: 'unit.yuanPerSite',
  yuanPerHour: 'unit.yuanPerHour',
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
  cleaning: 'term.cleaning',
  smallGreenTended: 'term.smallGreenTended',
  tendedByCleaners: 'term.tendedByCleaners',
  patrolBesidePost: 'term.patrolBesidePost',
  garbageDuty: 'term.garbageDuty',
  staffed: 'term.staffed',
  roundedTo: 'term.roundedTo',
  partTimeHourly: 'term.partTimeHourly',
  below: 'term.below',
  wage: 'term.wage',
  hours: 'term.hours',
  workInjury: 'term.workInjury',
  loaded: 'term.loaded',
  fullTime: 'term.fullTime',
  feesReceivable: 'term.feesReceivable',
  siteExtinguishers: 'term.siteExtinguishers',
  highRise: 'term.highRise',
  storeysUnknown: 'term.storeysUnknown',
  oneRoundForUnit: 'term.oneRoundForUnit',
  minimumCharge: 'term.minimumCharge',
  oneContractForUnit: 'term.oneContractForUnit',
  onePolicyPerCompound: 'term.onePolicyPerCompound',
  serviceRevenue: 'term.serviceRevenue',
  ownersIncome: 'term.ownersIncome',
  ownersContribution: 'term.ownersContribution',
  ownersSurplus: 'term.ownersSurplus',
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
    case 'unit':
      return word(lang, UNIT_KEYS[term.unit]);
    case 'level':
      return word(lang, `service.${term.level}`);
    case 'op':
      return term.op;
    case 'param':
      return term.key;
    case 'text':
      return term.text;
  }
}

/** Terms after which the next one follows without a space: an opening bracket, or max/min before theirs. */
const OPENS = new Set(['(', '[', '⌈']);
/** Terms written without a space before them: closing brackets and punctuation. */
const CLOSES = new Set([')', ']', '⌉', ',', ':', ';']);

/** Chinese punctuation for the commas and colons of a formula under zh. */
const ZH_PUNCTUATION: { readonly [op: string]: string } = { ',': '，', ':': '：', ';': '；' };
const CJK_END = /[\u3000-\u9fff\uff00-\uffef]$/u;
const CJK_START = /^[\u3000-\u9fff\uff00-\uffef]/u;

/**
 * A formula: its terms worded and joined with spaces, without a space inside brackets, before a
 * comma or colon, or between max/min and their bracket. Under zh, the commas and colons of the
 * text are the full-width ones, with no space after (those between max's arguments stay ", "), and
 * Chinese words meet without a space ("基础保洁", "1200 元起").
 */
export function wordTerms(lang: Lang, terms: readonly TraceTerm[]): string {
  let out = '';
  let previous: TraceTerm | undefined;
  /** For each open round bracket: whether it holds a function's arguments (max, min). */
  const brackets: boolean[] = [];
  for (const term of terms) {
    const op = term.kind === 'op' ? term.op : undefined;
    const call = op === '(' && previous?.kind === 'op' && (previous.op === 'max' || previous.op === 'min');
    if (op === '(') brackets.push(call);
    if (op === ')') brackets.pop();
    const inArguments = brackets[brackets.length - 1] === true;
    let w = wordTerm(lang, term);
    if (lang === 'zh' && op !== undefined && !(op === ',' && inArguments)) w = ZH_PUNCTUATION[op] ?? w;
    const afterOpen = previous?.kind === 'op' && OPENS.has(previous.op);
    const close = op !== undefined && CLOSES.has(op);
    const chinese = lang === 'zh' && (/[，：；]$/u.test(out) || (CJK_END.test(out) && CJK_START.test(w)));
    out += out === '' || afterOpen || close || call || chinese ? w : ` ${w}`;
    previous = term;
  }
  return out;
}
