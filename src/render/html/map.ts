import type { Location } from '../../core/compound.js';
import type { ReportData, ReportUnit } from '../../analyses/report-data.js';
import { formatInt } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { esc, n1 } from './escape.js';
import { t, unitName } from '../../present/labels/index.js';
import { niceFloor } from './scale.js';
import { compoundName, compoundTip, unitTitle, verdictLegend } from './parts.js';
import { textWidth } from './axes.js';

/** Metres per degree of latitude (and of longitude at the equator), on the mean Earth radius. */
const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;

/** A point on the map, metres east and north of the map's origin. */
export interface MapPoint {
  x: number;
  y: number;
}

export interface Projection {
  /** The coordinate system drawn: WGS-84 degrees or planar metres. */
  kind: Location['kind'];
  /** One per input location, in order; null when it has none or is in the other system. */
  points: (MapPoint | null)[];
  /** Locations in the system not drawn (a file mixing lat/lon and x_m/y_m). */
  otherKind: number;
}

/**
 * Puts locations on a plane in metres. Latitude/longitude are projected equirectangularly around
 * the centre latitude (x = Δlon · cos φ₀, y = Δlat, in metres): over a district a few km across
 * the distortion is far below a mark's size. Planar x_m/y_m are kept as they are. When a file
 * mixes both, the system most compounds use is drawn. Null when nothing has a location.
 */
export function projectLocations(locations: readonly (Location | null)[]): Projection | null {
  let geo = 0;
  let xy = 0;
  for (const l of locations) {
    if (l?.kind === 'geo') geo++;
    else if (l?.kind === 'xy') xy++;
  }
  if (geo + xy === 0) return null;
  const kind: Location['kind'] = geo >= xy ? 'geo' : 'xy';
  if (kind === 'xy') {
    return { kind, points: locations.map((l) => (l?.kind === 'xy' ? { x: l.x, y: l.y } : null)), otherKind: geo };
  }
  let latMin = Infinity;
  let latMax = -Infinity;
  let lonMin = Infinity;
  let lonMax = -Infinity;
  for (const l of locations) {
    if (l?.kind !== 'geo') continue;
    latMin = Math.min(latMin, l.lat);
    latMax = Math.max(latMax, l.lat);
    lonMin = Math.min(lonMin, l.lon);
    lonMax = Math.max(lonMax, l.lon);
  }
  const lat0 = (latMin + latMax) / 2;
  const lon0 = (lonMin + lonMax) / 2;
  const kx = Math.cos((lat0 * Math.PI) / 180) * M_PER_DEG;
  return {
    kind,
    points: locations.map((l) => (l?.kind === 'geo' ? { x: (l.lon - lon0) * kx, y: (l.lat - lat0) * M_PER_DEG } : null)),
    otherKind: xy,
  };
}

const WIDTH = 1000;
const PAD = 28;
const MAX_PLOT_HEIGHT = 620;
const MIN_PLOT_HEIGHT = 220;
/** Space under the plot for the scale bar. */
const FOOT = 36;
/** The smallest extent drawn, metres: a lone compound is not blown up to fill the map. */
const MIN_SPAN_M = 200;

/** Radius of a compound's mark: its area grows with the households. */
export function markRadius(households: number): number {
  return 2.5 + 0.42 * Math.sqrt(Math.max(0, households));
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ metres) about a fifth of the map's width. */
export function scaleBar(metresAcross: number): { metres: number; fraction: number } {
  const metres = niceFloor(metresAcross / 5);
  return { metres, fraction: metres / metresAcross };
}

function distanceLabel(metres: number, lang: Lang): string {
  if (metres >= 1000) return `${formatInt(metres / 1000)} ${t(lang, 'unit.km')}`;
  return `${formatInt(metres)} ${t(lang, 'unit.metres')}`;
}

/** The map section: compounds coloured by verdict, unit links, scale bar and north arrow. */
export function renderMap(data: ReportData, lang: Lang): string {
  const head = `<h2>${esc(t(lang, 'report.map.title'))}</h2>\n<p class="note">${esc(t(lang, 'report.map.note'))}</p>`;
  const projection = projectLocations(data.compounds.map((c) => c.location));
  if (!projection) return `<section id="map">${head}\n<p class="empty">${esc(t(lang, 'report.map.none'))}</p></section>`;

  const pts = projection.points;
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const p of pts) {
    if (!p) continue;
    xMin = Math.min(xMin, p.x);
    xMax = Math.max(xMax, p.x);
    yMin = Math.min(yMin, p.y);
    yMax = Math.max(yMax, p.y);
  }
  const spanX = Math.max(xMax - xMin, MIN_SPAN_M);
  const spanY = Math.max(yMax - yMin, MIN_SPAN_M);
  const plotWMax = WIDTH - 2 * PAD;
  const scale = Math.min(plotWMax / spanX, MAX_PLOT_HEIGHT / spanY);
  const plotH = Math.max(spanY * scale, MIN_PLOT_HEIGHT);
  const height = plotH + 2 * PAD + FOOT;
  // Centre the drawing in the plot area on both axes.
  const ox = PAD + (plotWMax - (xMax - xMin) * scale) / 2;
  const oy = PAD + (plotH - (yMax - yMin) * scale) / 2;
  const sx = (p: MapPoint) => ox + (p.x - xMin) * scale;
  const sy = (p: MapPoint) => oy + (yMax - p.y) * scale;

  const index = new Map(data.compounds.map((c, i) => [c.id, i]));
  const pointOf = (id: string): MapPoint | null => pts[index.get(id)!] ?? null;
  const links: string[] = [];
  const hubs: string[] = [];
  for (const u of data.units) drawUnit(u, pointOf, sx, sy, links, hubs, lang);

  const order = data.compounds.map((c, i) => i).filter((i) => pts[i]);
  // Big marks first, so a small compound next to a large one stays visible on top.
  order.sort((a, b) => data.compounds[b]!.households - data.compounds[a]!.households || a - b);
  const marks = order.map((i) => {
    const c = data.compounds[i]!;
    const p = pts[i]!;
    return `<circle data-mark="compound" data-id="${esc(c.id)}" data-verdict="${c.verdict}" class="v-${c.verdict}" cx="${n1(sx(p))}" cy="${n1(sy(p))}" r="${n1(markRadius(c.households))}"><title>${esc(compoundTip(c, lang))}</title></circle>`;
  });

  const names = new Map(data.compounds.map((c) => [c.id, compoundName(c)]));
  const placed = placeLabels(data, pts, index, names, sx, sy, WIDTH, height - FOOT, lang);

  const bar = scaleBar(plotWMax / scale);
  const barPx = bar.fraction * plotWMax;
  const by = height - FOOT / 2;
  const scaleSvg =
    `<g class="scalebar" data-scale-m="${bar.metres}"><path d="M${PAD} ${n1(by - 5)}V${n1(by)}H${n1(PAD + barPx)}V${n1(by - 5)}"/>` +
    `<text x="${n1(PAD + barPx + 6)}" y="${n1(by)}">${esc(distanceLabel(bar.metres, lang))}</text></g>`;
  const nx = WIDTH - PAD - 8;
  const north = `<g class="north"><path d="M${nx} ${PAD}l-6 16h12z"/><text x="${nx}" y="${PAD + 30}" text-anchor="middle">${esc(t(lang, 'report.map.north'))}</text></g>`;

  const svg =
    `<svg class="map" viewBox="0 0 ${WIDTH} ${n1(height)}" role="img" aria-label="${esc(t(lang, 'report.map.title'))}" data-kind="${projection.kind}">` +
    `<rect class="frame" x="0.5" y="0.5" width="${WIDTH - 1}" height="${n1(height - 1)}"/>` +
    `<g class="links">${links.join('')}</g><g class="hubs">${hubs.join('')}</g><g class="marks">${marks.join('')}</g>` +
    `<g class="labels">${placed.svg.join('')}</g>${scaleSvg}${north}</svg>`;

  const unlocated = data.compounds.filter((c) => c.location === null).length;
  const notes = [
    unlocated ? t(lang, 'report.map.unlocated', { n: formatInt(unlocated) }) : '',
    projection.otherKind ? t(lang, 'report.map.otherKind', { n: formatInt(projection.otherKind) }) : '',
    placed.skipped ? t(lang, 'report.map.unlabelled', { n: formatInt(placed.skipped) }) : '',
  ].filter(Boolean);
  const legend =
    `<ul class="legend">${verdictLegend(data, lang)}` +
    `<li><svg class="sw-line" viewBox="0 0 24 10"><line class="link-attached" x1="1" y1="5" x2="23" y2="5"/></svg>${esc(t(lang, 'report.link.attached'))}</li>` +
    `<li><svg class="sw-line" viewBox="0 0 24 10"><line class="link-cluster" x1="1" y1="5" x2="23" y2="5"/></svg>${esc(t(lang, 'report.link.cluster'))}</li></ul>`;
  return `<section id="map">${head}\n<figure>${svg}<figcaption>${legend}${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}</figcaption></figure></section>`;
}

/**
 * The lines of one unit: host to each guest when attached; for a cluster, a star from the centre
 * of its members (marked with a small diamond). Members without a place on the map are left out.
 */
function drawUnit(
  u: ReportUnit,
  pointOf: (id: string) => MapPoint | null,
  sx: (p: MapPoint) => number,
  sy: (p: MapPoint) => number,
  links: string[],
  hubs: string[],
  lang: Lang,
): void {
  const line = (kind: string, a: MapPoint, b: MapPoint, member: string) =>
    `<line data-link="${kind}" data-unit="${esc(u.id)}" data-member="${esc(member)}" class="link-${kind}" x1="${n1(sx(a))}" y1="${n1(sy(a))}" x2="${n1(sx(b))}" y2="${n1(sy(b))}"/>`;
  if (u.kind === 'attached' && u.host !== undefined) {
    const host = pointOf(u.host);
    if (!host) return;
    for (const id of u.members) {
      const p = id === u.host ? null : pointOf(id);
      if (p) links.push(line('attached', host, p, id));
    }
  } else if (u.kind === 'cluster') {
    const located = u.members.flatMap((id) => {
      const p = pointOf(id);
      return p ? [{ id, p }] : [];
    });
    if (located.length < 2) return;
    const centre = { x: located.reduce((s, m) => s + m.p.x, 0) / located.length, y: located.reduce((s, m) => s + m.p.y, 0) / located.length };
    for (const m of located) links.push(line('cluster', centre, m.p, m.id));
    hubs.push(`<path data-hub="${esc(u.id)}" class="hub" d="M${n1(sx(centre))} ${n1(sy(centre) - 4)}l4 4-4 4-4-4z"><title>${esc(unitName(lang, u.id))}</title></path>`);
  }
}

/** Font sizes of the map's names, px in the map's 1000-wide drawing. */
const NAME_PX = 11;
const UNIT_PX = 12;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The names on the map, readable on paper: every management unit of two or more by its name under
 * the middle of its members, then every compound by its name beside its mark (right, left, above
 * or below, the first place free), larger compounds first. A name that would overlap another
 * already placed, or leave the map, is left off and counted: the note under the map says how many.
 */
function placeLabels(
  data: ReportData,
  pts: readonly (MapPoint | null)[],
  index: ReadonlyMap<string, number>,
  names: ReadonlyMap<string, string>,
  sx: (p: MapPoint) => number,
  sy: (p: MapPoint) => number,
  width: number,
  height: number,
  lang: Lang,
): { svg: string[]; skipped: number } {
  // The marks are taken first: a name never hides a compound.
  const taken: Box[] = data.compounds.flatMap((c, i) => {
    const p = pts[i];
    if (!p) return [];
    const r = markRadius(c.households);
    return [{ x0: sx(p) - r, y0: sy(p) - r, x1: sx(p) + r, y1: sy(p) + r }];
  });
  const svg: string[] = [];
  let skipped = 0;
  const fits = (b: Box) => b.x0 >= 2 && b.y0 >= 2 && b.x1 <= width - 2 && b.y1 <= height && !taken.some((o) => overlaps(o, b));
  const tryPlace = (text: string, px: number, cls: string, data: string, candidates: { x: number; y: number; anchor: 'start' | 'middle' | 'end' }[]) => {
    const w = textWidth(text, px);
    for (const c of candidates) {
      const x0 = c.anchor === 'start' ? c.x : c.anchor === 'middle' ? c.x - w / 2 : c.x - w;
      const box = { x0, y0: c.y - px, x1: x0 + w, y1: c.y + px * 0.25 };
      if (!fits(box)) continue;
      taken.push(box);
      const anchor = c.anchor === 'start' ? '' : ` text-anchor="${c.anchor}"`;
      svg.push(`<text class="${cls}" ${data} x="${n1(c.x)}" y="${n1(c.y)}"${anchor}>${esc(text)}</text>`);
      return true;
    }
    return false;
  };
  for (const u of data.units) {
    if (u.kind === 'standalone') continue;
    const located = u.members.flatMap((id) => pts[index.get(id)!] ?? []);
    if (!located.length) continue;
    const x = located.reduce((s, p) => s + sx(p), 0) / located.length;
    const y = located.reduce((s, p) => s + sy(p), 0) / located.length;
    const text = unitTitle(u, names, lang);
    const spots = [{ x, y: y + 18, anchor: 'middle' as const }, { x, y: y - 10, anchor: 'middle' as const }, { x: x + 10, y: y + 4, anchor: 'start' as const }, { x: x - 10, y: y + 4, anchor: 'end' as const }];
    if (!tryPlace(text, UNIT_PX, 'unit-name', `data-label="unit" data-unit="${esc(u.id)}"`, spots)) skipped++;
  }
  const order = data.compounds.map((_, i) => i).filter((i) => pts[i]);
  order.sort((a, b) => data.compounds[b]!.households - data.compounds[a]!.households || a - b);
  for (const i of order) {
    const c = data.compounds[i]!;
    const p = pts[i]!;
    const r = markRadius(c.households);
    const x = sx(p);
    const y = sy(p);
    const spots = [
      { x: x + r + 3, y: y + 4, anchor: 'start' as const },
      { x: x - r - 3, y: y + 4, anchor: 'end' as const },
      { x, y: y - r - 3, anchor: 'middle' as const },
      { x, y: y + r + NAME_PX, anchor: 'middle' as const },
    ];
    if (!tryPlace(names.get(c.id)!, NAME_PX, 'name', `data-label="compound" data-id="${esc(c.id)}"`, spots)) skipped++;
  }
  return { svg, skipped };
}
