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

/** Staff roles. Their wages are category `staff`; the role says what the hours are for. */
export const ROLES = ['manager', 'cleaner', 'guard', 'maintenance', 'greening'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The keys of the model's cost lines (as in src/model/evaluate-unit.ts `LineKey`). Their words are
 * in the label catalogue (src/present/labels, `line.*`; categories `category.*`, roles `role.*`).
 */
export const LINE_KEYS = [
  'staff.manager',
  'staff.cleaner',
  'staff.guard',
  'staff.maintenance',
  'staff.greening',
  'common.electricity',
  'common.elevator_electricity',
  'common.minor_repairs',
  'common.dredging',
  'common.water_tanks',
  'common.fire_inspection',
  'common.fire_systems',
  'common.elevators',
  'cleaning.pest_control',
  'cleaning.consumables',
  'greening.materials',
  'security.gates',
  'office',
  'depreciation',
  'insurance',
  'overhead',
] as const;
