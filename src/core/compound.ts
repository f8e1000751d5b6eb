/**
 * The domain record of one compound (小区), after validation.
 *
 * Field names are the canonical CSV column names (snake_case): they are the data contract that
 * scenario files (`compoundChanges`) and sweeps (`--vary fee_rate=...`) refer to.
 */
export type HousingType = 'commodity' | 'after_sale_public' | 'other';
export type ServiceLevel = 'basic' | 'standard' | 'full';

export const HOUSING_TYPES: readonly HousingType[] = ['commodity', 'after_sale_public', 'other'];
export const SERVICE_LEVELS: readonly ServiceLevel[] = ['basic', 'standard', 'full'];

/** Where a compound is: WGS-84 degrees, or planar metres (x_m, y_m) in any local grid. */
export type Location = { kind: 'geo'; lat: number; lon: number } | { kind: 'xy'; x: number; y: number };

/** Where a record came from, for messages (`file:line`). */
export interface SourceRef {
  file: string;
  line: number;
}

export interface Compound {
  id: string;
  name: string;
  /** Floor area, m², > 0. */
  area_m2: number;
  /** Households, integer ≥ 1. */
  households: number;
  /** Fee, yuan per m² per month, VAT included, ≥ 0. */
  fee_rate: number;
  housing_type: HousingType;
  service_level: ServiceLevel;
  floors: number | null;
  elevators: number;
  built_year: number | null;
  gates: number;
  water_tanks: number;
  green_area_m2: number;
  location: Location | null;
  /** Share of billed fees collected, 0–1; null means "the default for the housing type". */
  collection_rate: number | null;
  /** Other income (ads, parking share), yuan/year. */
  other_income: number;
  /** Subsidy already granted, yuan/year. */
  subsidy: number;
  source?: SourceRef;
}

/** Fields a scenario or sweep may change on a compound (everything but the identity). */
export type CompoundField = Exclude<keyof Compound, 'id' | 'source' | 'location'>;

/**
 * An id in one Unicode spelling (NFC): "é" typed as one character or as "e" + a combining
 * accent is one id, so the two spellings are a duplicate and a scenario's id matches a CSV's.
 * ASCII ids (the usual case) are returned as they are without the cost of normalising.
 */
export function normalizeId(id: string): string {
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 0x7f) return id.normalize('NFC');
  return id;
}
