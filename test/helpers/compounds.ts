import type { Compound } from '../../src/core/compound.js';

/** A compound with every optional field at its "not given" default, overridden by `over`. */
export function compound(over: Partial<Compound> & Pick<Compound, 'id'>): Compound {
  return {
    name: over.id,
    area_m2: 1000,
    households: 10,
    fee_rate: 1,
    housing_type: 'other',
    service_level: 'standard',
    floors: null,
    elevators: 0,
    built_year: null,
    gates: 0,
    water_tanks: 0,
    green_area_m2: 0,
    location: null,
    collection_rate: null,
    other_income: 0,
    subsidy: 0,
    ...over,
  };
}

/** 京剧院小区 as in the article (fee 0.45 and service level are illustrative estimates). */
export const JJY = compound({
  id: 'JJY',
  name: '京剧院小区',
  area_m2: 813,
  households: 16,
  fee_rate: 0.45,
  housing_type: 'after_sale_public',
  service_level: 'basic',
  floors: 4,
  built_year: 1984,
  elevators: 0,
  location: { kind: 'geo', lat: 31.2045, lon: 121.446 },
});

/** 岳阳花苑, the host, as in fixtures/case-study.csv (illustrative figures, DOMAIN.md). */
export const YYHY = compound({
  id: 'YYHY',
  name: '岳阳花苑',
  area_m2: 9000,
  households: 96,
  fee_rate: 2.2,
  housing_type: 'commodity',
  service_level: 'standard',
  floors: 6,
  built_year: 1998,
  gates: 1,
  water_tanks: 0,
  green_area_m2: 600,
  location: { kind: 'geo', lat: 31.2047, lon: 121.4463 },
});
