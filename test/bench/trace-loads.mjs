// Lists every module a run loads, to check that start-up stays light: heavy modules (the MIP
// solver, the HTML report, zod, yaml…) must load only when their command runs.
//
//   BENCH_LOADS=FILE node --import ./test/bench/trace-loads.mjs bin/breakeven --version
//
// Registers a resolve hook (it runs on the loader's own thread) that appends each resolved URL
// to FILE. ESM imports only: the require() calls inside a CommonJS package are not seen, but the
// package's own entry is.
import { register } from 'node:module';

const file = process.env.BENCH_LOADS;
if (file) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    let file;
    export function initialize(data) { file = data.file; }
    export async function resolve(specifier, context, next) {
      const r = await next(specifier, context);
      appendFileSync(file, r.url + '\\n');
      return r;
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file } });
}
