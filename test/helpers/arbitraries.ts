import fc from 'fast-check';
import { HOUSING_TYPES, SERVICE_LEVELS } from '../../src/core/compound.js';

/** A compound's fields over their whole valid range (for `compound(...)`): the property tests' input. */
export const compoundFields = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8 }),
  name: fc.string({ maxLength: 12 }),
  area_m2: fc.double({ min: 1, max: 200_000, noNaN: true }),
  households: fc.integer({ min: 1, max: 3000 }),
  fee_rate: fc.double({ min: 0, max: 20, noNaN: true }),
  housing_type: fc.constantFrom(...HOUSING_TYPES),
  service_level: fc.constantFrom(...SERVICE_LEVELS),
  elevators: fc.integer({ min: 0, max: 40 }),
  built_year: fc.option(fc.integer({ min: 1900, max: 2025 })),
  gates: fc.integer({ min: 0, max: 5 }),
  water_tanks: fc.integer({ min: 0, max: 8 }),
  green_area_m2: fc.double({ min: 0, max: 50_000, noNaN: true }),
  collection_rate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  other_income: fc.double({ min: 0, max: 1e6, noNaN: true }),
  subsidy: fc.double({ min: 0, max: 1e6, noNaN: true }),
});
