/**
 * One term of a formula the cost model explains (`explain`): the model returns its formulas as
 * lists of these, and the presentation words them in the output language
 * (src/present/labels/terms.ts, `wordTerms`). Defined here, in core, so that the model can build
 * them without importing the presentation.
 *
 * A number with an optional unit, a named quantity (with an optional value and unit), a unit alone
 * (after a bracket: "(…) yuan/year"), a service level (the catalogue's `service.*`), an operator,
 * a parameter key (printed as it is: keys are the same in every language), or text from the input
 * (a compound's id or name), printed as given.
 */
import type { ServiceLevel } from './compound.js';

export type TraceUnit =
  | 'm2'
  | 'greenM2'
  | 'smallGreenM2'
  | 'households'
  | 'fte'
  | 'gates'
  | 'elevators'
  | 'tanks'
  | 'years'
  | 'months'
  | 'jobsPerYear'
  | 'yuan'
  | 'yuanPerJob'
  | 'yuanPerYear'
  | 'yuanPerMonth'
  | 'yuanPerM2Month'
  | 'yuanPerM2Year'
  | 'yuanPerHour'
  | 'hours'
  | 'days'
  | 'hoursPerDay'
  | 'hoursPerDayPost'
  | 'points'
  | 'sites'
  | 'storeys'
  | 'tripsPerYear'
  | 'yuanPerTrip'
  | 'yuanPerSite';

export type TraceQuantity =
  | 'area'
  | 'greenArea'
  | 'households'
  | 'need'
  | 'travel'
  | 'minimum'
  | 'step'
  | 'loadedWage'
  | 'contributionBase'
  | 'uninsured'
  | 'directCost'
  | 'overheadRate'
  | 'equipment'
  | 'residual'
  | 'life'
  | 'oncePerUnit'
  | 'assumed'
  | 'noGrounds'
  | 'noGate'
  | 'patrol'
  | 'staffedGates'
  | 'cleaningLevel'
  | 'collectionRate'
  | 'vat'
  | 'surcharges'
  | 'cost'
  | 'netRevenue'
  | 'profit'
  | 'cleaning'
  | 'smallGreenTended'
  | 'tendedByCleaners'
  | 'patrolBesidePost'
  | 'garbageDuty'
  | 'staffed'
  | 'roundedTo'
  | 'partTimeHourly'
  | 'below'
  | 'wage'
  | 'hours'
  | 'workInjury'
  | 'loaded'
  | 'fullTime'
  | 'feesReceivable'
  | 'siteExtinguishers'
  | 'highRise'
  | 'storeysUnknown'
  | 'oneRoundForUnit'
  | 'minimumCharge'
  | 'oneContractForUnit'
  | 'onePolicyPerCompound'
  | 'serviceRevenue'
  | 'ownersIncome'
  | 'ownersContribution'
  | 'ownersSurplus';

export type TraceTerm =
  | { kind: 'number'; value: number | string; unit?: TraceUnit }
  | { kind: 'quantity'; name: TraceQuantity; value?: number | string; unit?: TraceUnit }
  | { kind: 'unit'; unit: TraceUnit }
  | { kind: 'level'; level: ServiceLevel }
  | { kind: 'op'; op: '+' | '−' | '×' | '÷' | '=' | '≥' | ';' | '(' | ')' | '[' | ']' | ',' | ':' | 'max' | 'min' | '⌈' | '⌉' }
  | { kind: 'param'; key: string }
  | { kind: 'text'; text: string };
