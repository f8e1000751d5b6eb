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
  // Cost model v2 (issue 13): engagements, garbage duty, posts, shared contracts, overhead.
  [/ ?\(part-time hourly, below ([\d.]+) FTE: max\(([\d.]+), wage ÷ hours\) × \(1 \+ ([\d.]+) work injury\)\)/g, (m) => `（非全日制小时工，低于 ${m[1]} 人：max(${m[2]}, 工资 ÷ 工时) × (1 + ${m[3]} 工伤保险)）`],
  [/ ?\(full-time\)/g, () => '（全日制）'],
  [/garbage-sorting duty: /g, () => '垃圾分类值守：'],
  [/\bpoint\(s\)/g, () => '个投放点'],
  [/ h\/day post\b/g, () => ' 小时/天门岗'],
  [/ h\/day\b/g, () => ' 小时/天'],
  [/ staffed\b/g, () => ' 值守比例'],
  [/ ?\(patrol beside a post\)/g, () => '（门岗外巡逻）'],
  [/m² small green/g, () => '㎡ 小块绿地'],
  [/ ?\(tended by cleaners\)/g, () => '（由保洁员养护）'],
  [/m² green, below ([\d.]+) m²: tended by the cleaners/g, (m) => `㎡ 绿地，小于 ${m[1]} ㎡：由保洁员养护`],
  [/yuan\/year for the site's extinguishers and signs/g, () => '元/年（本点位灭火器及标识）'],
  [/ ?\(high-rise: (\d+) storeys ≥ (\d+)\)/g, (m) => `（高层：${m[1]} 层 ≥ ${m[2]}）`],
  [/ ?\(high-rise: storeys unknown, has elevators\)/g, () => '（高层：层数不详，有电梯）'],
  [/trips\/year/g, () => '次/年'],
  [/yuan\/trip/g, () => '元/次'],
  [/yuan\/site/g, () => '元/点位'],
  [/\bsite\(s\)/g, () => '个点位'],
  [/, one round for the unit/g, () => '，单元一轮'],
  [/yuan minimum/g, () => '元起'],
  [/, one contract for the unit/g, () => '，单元一份合同'],
  [/, one policy per compound \(its own contract\)/g, () => '，每个小区一份保单（各自合同）'],
  [/fees receivable/g, () => '应收物业费'],
  [/yuan\/h\b/g, () => '元/小时'],
  [/(\d) h\b/g, (m) => `${m[1]} 小时`],
  [/\bdays\b/g, () => '天'],
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
