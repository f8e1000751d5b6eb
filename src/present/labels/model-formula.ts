import type { LabelKey, Lang } from './types.js';
import { zh } from './zh.js';

/**
 * A BRIDGE, to delete when the cost model returns structured trace terms (issue 12 item 5; see
 * `terms.ts`): today src/model writes its `explain` formulas as English text, e.g.
 * "813 m² × 0.02 yuan/m²/month × 12". Under `--lang zh` the phrases of that text are replaced by
 * the catalogue's words for the same units and quantities (the `unit.*` and `term.*` labels that
 * `wordTerm` uses), so `explain --lang zh` reads Chinese now. English is returned untouched.
 * The phrases are the model's, longest first; a phrase the model adds later and this list lacks
 * stays English, and test/present/no-english.test.ts then fails on it.
 */
const PHRASES: readonly (readonly [RegExp, LabelKey | ((m: readonly string[]) => string)])[] = [
  [/no gate: no order-maintenance post/g, 'term.noGate'],
  [/ ?\(no grounds: area norm\)/g, () => `（${zh['term.noGrounds']}）`],
  [/equipment × \(1 − residual\) ÷ life/g, () => `${zh['term.equipment']} × (1 − ${zh['term.residual']}) ÷ ${zh['term.life']}`],
  [/, once per unit/g, () => `，${zh['term.oncePerUnit']}`],
  [/yuan\/month loaded/g, () => `${zh['unit.yuanPerMonth']}（${zh['term.loadedWage']}）`],
  [/yuan\/m²\/month/g, 'unit.yuanPerM2Month'],
  [/yuan\/m²\/year/g, 'unit.yuanPerM2Year'],
  [/yuan\/month/g, 'unit.yuanPerMonth'],
  [/yuan\/year/g, 'unit.yuanPerYear'],
  [/yuan\/job/g, 'unit.yuanPerJob'],
  [/jobs\/year/g, 'unit.jobsPerYear'],
  [/m² green/g, 'unit.greenM2'],
  [/m²/g, 'unit.m2'],
  [/\bhouseholds\b/g, 'unit.households'],
  [/\belevator\(s\)/g, 'unit.elevators'],
  [/\btank\(s\)/g, 'unit.tanks'],
  [/\bgate\(s\)/g, 'unit.gates'],
  [/ ?\(staffed gates\)/g, () => `（${zh['term.staffedGates']}）`],
  [/ ?\(patrol\)/g, () => `（${zh['term.patrol']}）`],
  [/ ?\(assumed\)/g, () => `（${zh['term.assumed']}）`],
  [/ ?\((basic|standard|full) cleaning\)/g, (m) => `（${zh[`service.${m[1] as 'basic'}`]}${zh['term.cleaningLevel']}）`],
  [/ ?\((basic|standard|full)\)/g, (m) => `（${zh[`service.${m[1] as 'basic'}`]}）`],
  [/\bdirect cost\b/g, 'term.directCost'],
  [/\bneed\b/g, 'term.need'],
  [/\btravel\b/g, 'term.travel'],
  [/⌉ to /g, () => `⌉ ${zh['term.step']} `],
  [/\bFTE\b/g, 'unit.fte'],
  [/\byears\b/g, 'unit.years'],
];

/** A formula the model wrote, in `lang`: as it is in English, its phrases worded under zh. */
export function modelFormula(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  let out = text;
  for (const [re, word] of PHRASES) {
    out = out.replace(re, (...args: string[]) => (typeof word === 'function' ? word(args) : zh[word]));
  }
  return out;
}
