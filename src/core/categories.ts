/**
 * The official cost categories of a property-service cost sheet, in the order the rules list them:
 * 物业服务收费管理办法 (2003) Art. 11 and 物业服务定价成本监审办法(试行) (2007).
 * Major repairs (专项维修资金) are never part of the fee or of this model.
 */
export const COST_CATEGORIES = [
  'staff',
  'common_parts',
  'cleaning',
  'greening',
  'security',
  'office',
  'depreciation',
  'insurance',
  'other',
  'overhead',
] as const;

export type CostCategory = (typeof COST_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<CostCategory, { en: string; zh: string }> = {
  staff: { en: 'Staff wages, social insurance and welfare', zh: '人员费用（工资、社保、福利）' },
  common_parts: {
    en: 'Operation and maintenance of common parts and facilities',
    zh: '共用部位、共用设施设备日常运行维护费',
  },
  cleaning: { en: 'Cleaning', zh: '清洁卫生费' },
  greening: { en: 'Greening', zh: '绿化养护费' },
  security: { en: 'Order maintenance (security)', zh: '秩序维护费' },
  office: { en: 'Office costs', zh: '办公费' },
  depreciation: { en: 'Depreciation of fixed assets', zh: '固定资产折旧' },
  insurance: { en: 'Insurance of common parts and public liability', zh: '共用部位、共用设施设备及公众责任保险费' },
  other: { en: 'Other costs agreed with owners', zh: '经业主同意的其他费用' },
  overhead: { en: 'Allocated head-office overhead', zh: '分摊的企业管理费' },
};

/** Staff roles. Their wages are category `staff`; the role says what the hours are for. */
export const ROLES = ['manager', 'cleaner', 'guard', 'maintenance', 'greening'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { en: string; zh: string }> = {
  manager: { en: 'Manager', zh: '项目经理' },
  cleaner: { en: 'Cleaner', zh: '保洁员' },
  guard: { en: 'Security guard', zh: '秩序维护员' },
  maintenance: { en: 'Maintenance worker', zh: '维修工' },
  greening: { en: 'Gardener', zh: '绿化工' },
};

/** Labels of the model's cost lines (keys as in src/model/evaluate-unit.ts `LineKey`). */
export const LINE_LABELS: Record<string, { en: string; zh: string }> = {
  'staff.manager': { en: 'Manager', zh: '项目经理' },
  'staff.cleaner': { en: 'Cleaners', zh: '保洁员' },
  'staff.guard': { en: 'Security guards', zh: '秩序维护员' },
  'staff.maintenance': { en: 'Maintenance workers', zh: '维修工' },
  'staff.greening': { en: 'Gardeners', zh: '绿化工' },
  'common.electricity': { en: 'Common electricity and water', zh: '公共水电费' },
  'common.elevator_electricity': { en: 'Elevator electricity', zh: '电梯电费' },
  'common.minor_repairs': { en: 'Minor repairs of common parts', zh: '共用部位小修' },
  'common.dredging': { en: 'Manhole and sewer dredging', zh: '窨井、排污管道疏通' },
  'common.water_tanks': { en: 'Roof water-tank cleaning', zh: '水箱清洗消毒' },
  'common.fire_inspection': { en: 'Fire equipment inspection', zh: '消防设施检测' },
  'common.fire_systems': { en: 'Fixed fire systems of a high-rise (maintenance and testing)', zh: '高层消防设施维保及检测' },
  'common.elevators': { en: 'Elevator maintenance and inspection', zh: '电梯维保及年检' },
  'cleaning.pest_control': { en: 'Pest control', zh: '消杀' },
  'cleaning.consumables': { en: 'Cleaning materials and refuse', zh: '保洁耗材及垃圾清运' },
  'greening.materials': { en: 'Greening materials', zh: '绿化养护材料' },
  'security.gates': { en: 'Gate and access equipment', zh: '门岗及门禁设备' },
  office: { en: 'Office costs', zh: '办公费' },
  depreciation: { en: 'Depreciation of equipment', zh: '固定资产折旧' },
  insurance: { en: 'Insurance', zh: '保险费' },
  overhead: { en: 'Head-office overhead', zh: '企业管理费分摊' },
};

export function lineLabel(key: string, lang: 'en' | 'zh'): string {
  return LINE_LABELS[key]?.[lang] ?? key;
}
