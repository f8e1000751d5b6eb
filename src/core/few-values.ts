/**
 * `f` remembered for numbers that take few distinct values in a file (fee rates and collection
 * rates of two decimals, staff FTEs in steps of 0.05): a lookup costs less than printing a double.
 * At most `limit` values are kept; unbounded variety only fills the cache, which then stops growing.
 */
export function rememberFew(f: (x: number) => string, limit = 4096): (x: number) => string {
  const seen = new Map<number, string>();
  return (x) => {
    let t = seen.get(x);
    if (t === undefined) {
      t = f(x);
      if (seen.size < limit) seen.set(x, t);
    }
    return t;
  };
}
