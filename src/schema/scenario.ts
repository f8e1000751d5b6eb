import { z } from 'zod';
import { normalizeId } from '../core/compound.js';
import { CalendarDate } from './date.js';
import { ALLOCATION_METHODS } from '../core/allocation-methods.js';


/**
 * A scenario: an overlay on the baseline data and parameters, never a mutation of them.
 *
 *   compounds: district.csv          # relative to the scenario file; --compounds overrides
 *   asOf: 2025-07-01
 *   parameters: { ... }              # partial parameter overlay, as --params
 *   compoundChanges: { JJY: { fee_rate: 1.49, service_level: standard } }
 *   units: [ {kind: attached, host: YYHY, guests: [JJY]}, {kind: cluster, name: Lane, members: [A, B]} ]
 *   allocation: area                 # area | households | shapley | scrb
 */
const idList = z.array(z.union([z.string(), z.number()]).transform((v) => normalizeId(String(v))));

const UnitSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('attached'),
    name: z.string().optional(),
    host: z.union([z.string(), z.number()]).transform((v) => normalizeId(String(v))),
    guests: idList.min(1, 'an attached unit needs at least one guest'),
  }),
  z.strictObject({
    kind: z.literal('cluster'),
    name: z.string().optional(),
    members: idList.min(2, 'a cluster needs at least two members'),
  }),
]);

export const ScenarioFileSchema = z.strictObject({
  compounds: z.string().optional(),
  asOf: CalendarDate.optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  compoundChanges: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  units: z.array(UnitSchema).optional(),
  allocation: z.enum(ALLOCATION_METHODS).optional(),
  seed: z.number().int().optional(),
  /** Dated fee steps for projections: { ID or "*": { "2027-01-01": 1.6 } }. */
  feeSteps: z.record(z.string(), z.record(z.string(), z.number().nonnegative())).optional(),
});

