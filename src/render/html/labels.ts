import type { Lang } from '../../core/lang.js';

/**
 * Every label of the HTML report, in English and Chinese. `en` defines the keys and `zh` must have
 * the same ones (the type checker enforces it). Placeholders are `{name}`, filled by `label`.
 * Kept beside the renderer rather than in src/render/i18n.ts, so that only `breakeven report`
 * loads them.
 */
const en = {
  'doc.title': 'Property management feasibility: {subject}',
  'doc.source.plan': 'Management units proposed by the planner; a unit’s cost is shared by {allocation}.',
  'doc.source.scenario': 'Management units as the scenario sets them; a unit’s cost is shared by {allocation}.',
  'doc.source.standalone': 'Every compound managed alone.',
  'doc.moneyNote': 'Amounts in yuan a year; fees in yuan/m²/month, VAT included.',

  'alloc.area': 'floor area',
  'alloc.households': 'households',
  'alloc.shapley': 'Shapley value',
  'alloc.scrb': 'separable cost – remaining benefit (SCRB)',

  'summary.title': 'Summary',
  'summary.compounds': 'Compounds',
  'summary.located': '{n} with coordinates',
  'summary.units': 'Management units',
  'summary.unitKinds': 'alone {standalone} · attached {attached} · clusters {cluster}',
  'summary.viable': 'Compounds that break even',
  'summary.ofTotal': '{n} of {total}',
  'summary.allAlone': 'all alone: {value}',
  'summary.saved': 'saves {amount}',
  'summary.subsidy': 'Subsidy needed, yuan a year',
  'summary.cost': 'Cost of management, yuan a year',
  'summary.keyParameters': 'Key parameters',

  'map.title': 'Map of the compounds',
  'map.note': 'Colour: how each compound fares under the arrangement; circle size: households. Lines join the members of a unit.',
  'map.none': 'No compound has coordinates: there is nothing to draw.',
  'map.unlocated': 'Compounds without coordinates, not drawn: {n}.',
  'map.otherKind': 'Compounds located in another coordinate system, not drawn: {n}.',
  'map.north': 'N',

  'verdict.viable': 'viable alone',
  'verdict.rescued': 'viable in its unit',
  'verdict.unviable': 'needs a subsidy',

  'link.attached': 'attached (挂单): host – guest',
  'link.cluster': 'cluster (片区): centre – member',

  'kind.standalone': 'alone',
  'kind.attached': 'attached',
  'kind.cluster': 'cluster',
  'role.alone': 'alone',
  'role.host': 'host',
  'role.guest': 'guest',
  'role.member': 'member',

  'fees.title': 'Fee charged and break-even fee',
  'fees.note':
    'One column per compound, largest shortfall first. A column spans the fee charged (black tick) and the fee at which the compound breaks even alone. A blue dot: the fee that covers its share of its unit’s cost.',
  'fees.short': 'fee below break-even',
  'fees.covered': 'fee covers break-even',
  'fees.charged': 'fee charged',
  'fees.share': 'fee covering its share in its unit',
  'fees.axis': 'yuan/m²/month',
  'fees.xAxis': 'compounds, largest shortfall first',
  'fees.clipped': 'Break-even fees above {max}, cut at the top (▲): {n}.',
  'fees.noFee': 'Compounds that collect no fees (no fee makes them break even), not shown: {n}.',

  'costs.title': 'Cost by official category, per management unit',
  'costs.note': 'Yuan a year, one column per unit, largest first. The categories of 物业服务收费管理办法 (2003) Art. 11 and 物业服务定价成本监审办法 (2007).',
  'costs.axis': 'yuan a year',
  'costs.total': 'All units:',

  'table.title': 'Compounds',
  'table.hint': 'Click a column heading to sort.',

  'col.id': 'id',
  'col.name': 'name',
  'col.households': 'households',
  'col.fee': 'fee charged',
  'col.breakEven': 'break-even fee alone',
  'col.profitAlone': 'profit alone',
  'col.unit': 'unit',
  'col.role': 'arrangement',
  'col.shareFee': 'fee to cover share',
  'col.profitAfter': 'profit in unit',
  'col.verdict': 'verdict',
  'col.key': 'parameter',
  'col.value': 'value',
  'col.unitOf': 'unit',
  'col.from': 'in force from',
  'col.range': 'range',
  'col.reference': 'reference',

  'whatif.sweep.title': 'What if {key} changes',
  'whatif.sweep.noteField': 'The compounds’ {key} set to each value in turn, the units kept. Amounts in yuan a year.',
  'whatif.sweep.noteParam': 'The parameter {key} set to each value in turn, the units kept. Amounts in yuan a year.',
  'whatif.years.title': 'The next {n} years: wages {wage} a year, fees {fee} a year',
  'whatif.years.note': 'Year by year from {date}, with the scenario’s dated fee steps, the units kept. Amounts in yuan a year.',
  'whatif.subsidy': 'subsidy needed',
  'whatif.viable': 'compounds in viable units',
  'whatif.year': 'year',
  'whatif.flipSweep': 'the verdict changes',
  'whatif.flipYears': 'a unit stops breaking even',
  'whatif.tipViable': '{n} of {total} compounds in viable units',
  'whatif.tipProfit': 'profit {amount}',
  'whatif.tipFailing': 'stop breaking even: {units}',

  'params.title': 'Parameters used',
  'params.asOf': 'Values in force on {date}, digest {digest}.',
  'params.overlays': 'Changed by: {files}.',
  'params.estimate': '[estimate]',
  'params.setBy': 'set by {origin}',

  'stamp.title': 'Stamp',
  'stamp.tool': 'Made by {name} {version}.',
  'stamp.params': 'Parameters in force on {date}, digest {digest}.',
  'stamp.input': 'Input {file}, SHA-256 {sha}.',

  'cat.staff': 'staff',
  'cat.common_parts': 'common parts',
  'cat.cleaning': 'cleaning',
  'cat.greening': 'greening',
  'cat.security': 'security',
  'cat.office': 'office',
  'cat.depreciation': 'depreciation',
  'cat.insurance': 'insurance',
  'cat.other': 'other',
  'cat.overhead': 'overhead',

  'tip.unit': 'unit {unit} ({kind})',
  'tip.fee': 'fee {fee}',
  'tip.breakEven': 'break-even alone {fee}',
  'tip.share': 'covering its share {fee}',
  'tip.cost': 'cost {amount}',
  'tip.households': '{n} households',
} as const;

/** A key of the report's labels. */
export type LabelKey = keyof typeof en;

const zh: Record<LabelKey, string> = {
  'doc.title': '物业管理可行性报告：{subject}',
  'doc.source.plan': '管理单元由规划器提出；单元成本按{allocation}分摊。',
  'doc.source.scenario': '管理单元按情景文件设定；单元成本按{allocation}分摊。',
  'doc.source.standalone': '各小区均单独管理。',
  'doc.moneyNote': '金额单位：元/年；物业费单位：元/㎡·月（含增值税）。',

  'alloc.area': '建筑面积',
  'alloc.households': '户数',
  'alloc.shapley': 'Shapley 值',
  'alloc.scrb': '可分离成本—剩余收益法（SCRB）',

  'summary.title': '概要',
  'summary.compounds': '小区',
  'summary.located': '其中 {n} 个有坐标',
  'summary.units': '管理单元',
  'summary.unitKinds': '单独 {standalone} · 挂单 {attached} · 片区 {cluster}',
  'summary.viable': '可保本的小区',
  'summary.ofTotal': '{n} / {total}',
  'summary.allAlone': '全部单独管理：{value}',
  'summary.saved': '节省 {amount}',
  'summary.subsidy': '所需补贴（元/年）',
  'summary.cost': '管理成本（元/年）',
  'summary.keyParameters': '主要参数',

  'map.title': '小区分布图',
  'map.note': '颜色表示各小区在本方案下的结果；圆点大小表示户数。连线连接同一管理单元的成员。',
  'map.none': '没有小区有坐标，无法绘图。',
  'map.unlocated': '{n} 个无坐标的小区未绘出。',
  'map.otherKind': '{n} 个采用其他坐标系的小区未绘出。',
  'map.north': '北',

  'verdict.viable': '单独可保本',
  'verdict.rescued': '联合后可保本',
  'verdict.unviable': '需要补贴',

  'link.attached': '挂单：主小区—挂靠小区',
  'link.cluster': '片区：中心—成员',

  'kind.standalone': '单独',
  'kind.attached': '挂单',
  'kind.cluster': '片区',
  'role.alone': '单独',
  'role.host': '主小区',
  'role.guest': '挂靠',
  'role.member': '片区成员',

  'fees.title': '现行物业费与保本单价',
  'fees.note': '每列一个小区，按缺口从大到小排列。每列从现行物业费（黑色刻度）延伸到单独管理的保本单价。蓝点：覆盖其在管理单元中分摊成本的单价。',
  'fees.short': '物业费低于保本单价',
  'fees.covered': '物业费高于保本单价',
  'fees.charged': '现行物业费',
  'fees.share': '联合后覆盖分摊成本的单价',
  'fees.axis': '元/㎡·月',
  'fees.xAxis': '小区（缺口从大到小）',
  'fees.clipped': '{n} 个保本单价高于 {max}，顶部截断（▲）。',
  'fees.noFee': '{n} 个小区收不到物业费，任何单价都无法保本，未绘出。',

  'costs.title': '各管理单元成本构成（按官方成本科目）',
  'costs.note': '单位：元/年，每列一个管理单元，按成本从高到低排列。科目依据《物业服务收费管理办法》（2003）第十一条及《物业服务定价成本监审办法（试行）》（2007）。',
  'costs.axis': '元/年',
  'costs.total': '全部单元合计：',

  'table.title': '小区明细',
  'table.hint': '点击列标题排序。',

  'col.id': '编号',
  'col.name': '名称',
  'col.households': '户数',
  'col.fee': '现行物业费',
  'col.breakEven': '单独保本单价',
  'col.profitAlone': '单独利润',
  'col.unit': '管理单元',
  'col.role': '方式',
  'col.shareFee': '覆盖分摊单价',
  'col.profitAfter': '联合后利润',
  'col.verdict': '结论',
  'col.key': '参数',
  'col.value': '取值',
  'col.unitOf': '单位',
  'col.from': '生效日期',
  'col.range': '范围',
  'col.reference': '来源',

  'whatif.sweep.title': '{key} 变化时',
  'whatif.sweep.noteField': '各小区的 {key} 依次取各值，管理单元不变。金额单位：元/年。',
  'whatif.sweep.noteParam': '参数 {key} 依次取各值，管理单元不变。金额单位：元/年。',
  'whatif.years.title': '未来 {n} 年：工资每年 {wage}，物业费每年 {fee}',
  'whatif.years.note': '自 {date} 起逐年计算，含情景中的物业费调整，管理单元不变。金额单位：元/年。',
  'whatif.subsidy': '所需补贴',
  'whatif.viable': '处于可保本单元的小区',
  'whatif.year': '年份',
  'whatif.flipSweep': '结论变化',
  'whatif.flipYears': '有单元开始亏损',
  'whatif.tipViable': '{n} / {total} 个小区处于可保本单元',
  'whatif.tipProfit': '利润 {amount}',
  'whatif.tipFailing': '开始亏损：{units}',

  'params.title': '所用参数',
  'params.asOf': '{date} 生效值，摘要 {digest}。',
  'params.overlays': '覆盖来源：{files}。',
  'params.estimate': '【估计】',
  'params.setBy': '由 {origin} 设定',

  'stamp.title': '版本信息',
  'stamp.tool': '由 {name} {version} 生成。',
  'stamp.params': '参数按 {date} 生效值，摘要 {digest}。',
  'stamp.input': '输入文件 {file}，SHA-256 {sha}。',

  'cat.staff': '人员',
  'cat.common_parts': '共用部位设施',
  'cat.cleaning': '清洁',
  'cat.greening': '绿化',
  'cat.security': '秩序维护',
  'cat.office': '办公',
  'cat.depreciation': '折旧',
  'cat.insurance': '保险',
  'cat.other': '其他',
  'cat.overhead': '管理费分摊',

  'tip.unit': '单元 {unit}（{kind}）',
  'tip.fee': '物业费 {fee}',
  'tip.breakEven': '单独保本 {fee}',
  'tip.share': '覆盖分摊 {fee}',
  'tip.cost': '成本 {amount}',
  'tip.households': '{n} 户',
};

const LABELS: Record<Lang, Record<LabelKey, string>> = { en, zh };

/** The label `key` in `lang`, `{name}` placeholders filled from `params` (a missing one throws). */
export function label(lang: Lang, key: LabelKey, params?: Readonly<Record<string, string | number>>): string {
  return LABELS[lang][key].replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`label ${key}: no value for {${name}}`);
    return String(v);
  });
}

/** Every key and its raw templates, for the test that both languages agree. */
export function labelTemplates(): { key: LabelKey; en: string; zh: string }[] {
  return (Object.keys(en) as LabelKey[]).map((key) => ({ key, en: en[key], zh: zh[key] }));
}
