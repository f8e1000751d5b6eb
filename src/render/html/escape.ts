/**
 * Text into HTML and SVG: data (compound names, file names, references) is escaped wherever it
 * lands, so a name like `<b>` or `"` shows as written and never becomes markup.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for an element's content or a double-quoted attribute value. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A coordinate or length in SVG, to 0.1 of a user unit: enough for a sharp drawing, small files. */
export function n1(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}
