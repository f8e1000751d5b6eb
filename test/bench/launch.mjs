// The child process of every timed run: runs one job, then writes what getrusage says about this
// process to a side file at exit, so the parent gets CPU time and peak memory of exactly the run.
//
//   node test/bench/launch.mjs REPORT.json cli ARGS...        the built CLI: main() of dist/cli/main.js,
//                                                             as bin/breakeven calls it
//   node test/bench/launch.mjs REPORT.json csv-parse FILE     the baseline: csv-parse alone
//   node test/bench/launch.mjs REPORT.json write-bytes N FILE  the floor of evaluate's output:
//                                                             N bytes of compound-like JSON written
//                                                             as evaluate's sink does, then fsync
//
// Peak memory is `process.resourceUsage().maxRSS` (getrusage ru_maxrss: the high-water mark of the
// resident set, kept by the kernel, so a short peak between two polls is not missed); CPU is user +
// system time of all the process's threads (libuv's file-system pool included).
import { writeFileSync } from 'node:fs';
import { csvParseBaseline, writeBytesFloor } from './baseline.mjs';

const [report, kind, ...args] = process.argv.slice(2);
if (!report || !kind) {
  process.stderr.write('usage: launch.mjs REPORT.json (cli ARGS... | csv-parse FILE)\n');
  process.exit(2);
}

let records = null;
process.on('exit', (code) => {
  const ru = process.resourceUsage();
  writeFileSync(
    report,
    JSON.stringify({
      code,
      userMs: ru.userCPUTime / 1000,
      systemMs: ru.systemCPUTime / 1000,
      maxRssKb: ru.maxRSS,
      records,
    }),
  );
});

if (kind === 'cli') {
  const { main } = await import('../../dist/cli/main.js');
  await main([process.execPath, 'breakeven', ...args]);
} else if (kind === 'csv-parse') {
  records = await csvParseBaseline(args[0]);
} else if (kind === 'write-bytes') {
  records = writeBytesFloor(Number(args[0]), args[1]);
} else {
  process.stderr.write(`launch.mjs: unknown job ${kind}\n`);
  process.exitCode = 2;
}
