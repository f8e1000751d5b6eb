import { z } from 'zod';
import { CalendarDate } from './date.js';

/** Calculation tests as data (`breakeven test`): the shape of a case file, validated before any case runs. */
export const ToleranceSchema = z.union([
  z.number().nonnegative(),
  z.strictObject({
    money: z.number().nonnegative().optional().describe('yuan'),
    fee: z.number().nonnegative().optional().describe('yuan/m²/month'),
    ratio: z.number().nonnegative().optional(),
    fte: z.number().nonnegative().optional(),
    relative: z.number().nonnegative().optional().describe('share of the expected value'),
  }),
]);

const section = z.record(z.string(), z.record(z.string(), z.unknown()));

/** One case as written. */
export const CaseSchema = z.strictObject({
  name: z.string().min(1),
  asOf: CalendarDate.optional(),
  compounds: z.union([z.string().min(1), z.array(z.record(z.string(), z.unknown())).min(1, 'give at least one compound')]),
  parameters: z.record(z.string(), z.unknown()).optional(),
  scenario: z.record(z.string(), z.unknown()).optional(),
  tolerance: ToleranceSchema.optional(),
  /** A property over the data: every expectation must hold at every combination of these values. */
  grid: z
    .record(
      z.string(),
      z.partialRecord(
        z.enum(['area_m2', 'households', 'fee_rate', 'collection_rate', 'other_income', 'green_area_m2']),
        z.strictObject({ from: z.number(), to: z.number(), step: z.number().positive() }),
      ),
    )
    .optional(),
  expect: z.strictObject({
    compounds: section.optional(),
    units: section.optional(),
    totals: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** A file of cases as written. */
export const CaseFileSchema = z.strictObject({
  asOf: CalendarDate.optional(),
  tolerance: ToleranceSchema.optional(),
  cases: z.array(z.unknown()).min(1, 'a case file needs at least one case'),
});

