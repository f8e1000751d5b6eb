import { z } from 'zod';

/** A real day written YYYY-MM-DD: 2025-02-30 is refused (Date would roll it to March 2). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A calendar date as text (parameter files key their dated values by it). */
export const CalendarDateText = z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD');

/**
 * A calendar date as a YAML or JSON file may give it: YAML reads an unquoted 2025-07-01 as a Date,
 * so both forms are accepted and returned as YYYY-MM-DD. The one schema every file uses (scenario,
 * test case, parameter overlay), so an impossible day is refused everywhere.
 */
export const CalendarDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)) : v))
  .pipe(CalendarDateText);
