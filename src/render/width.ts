import stringWidthOf from 'string-width';

/**
 * Columns a string takes in a terminal, so that columns holding Chinese line up: East Asian Wide
 * and Fullwidth characters take two (Unicode UAX #11), combining marks and zero-width characters
 * none, the Ambiguous class (…, °, ²) one, as in a Western terminal. The `string-width` package
 * keeps up with Unicode; this project's own table of ranges did not need to.
 */
export function stringWidth(s: string): number {
  return stringWidthOf(s);
}
