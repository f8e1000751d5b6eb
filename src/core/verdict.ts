/**
 * How a compound fares in the end:
 * - `viable`: viable alone and its unit is viable;
 * - `rescued`: not viable alone, but its unit is (the arrangement saves it);
 * - `unviable`: its unit needs a subsidy.
 */
export const VERDICTS = ['viable', 'rescued', 'unviable'] as const;
export type Verdict = (typeof VERDICTS)[number];
