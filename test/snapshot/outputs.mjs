#!/usr/bin/env node
// Runs every command in every output format on the bundled fixtures and writes each run's exit
// code, stdout and stderr to one file per run in DIR. Run it before and after a change and diff
// the two folders: what differs is what the change changed (`diff -r before after`).
//
//   node test/snapshot/outputs.mjs DIR
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node test/snapshot/outputs.mjs DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const CS = 'fixtures/case-study.csv';
const SC = 'fixtures/case-study-attached.yaml';
const DI = 'fixtures/district.csv';
const AS_OF = ['--as-of', '2025-07-01'];
const help = spawnSync(process.execPath, [join(root, 'bin/breakeven'), 'bid', '--help'], { encoding: 'utf8' }).stdout;
const bidIds = (...ids) => (/--compounds <ids>/.test(help) ? ['--compounds', ids.join(',')] : ids);
const runs = {
  validate: [[CS], [DI]],
  evaluate: [[CS, ...AS_OF], [DI, ...AS_OF]],
  explain: [[CS, 'JJY', ...AS_OF], [CS, 'YYHY', ...AS_OF]],
  params: [[...AS_OF]],
  demo: [[...AS_OF]],
  scenario: [[SC, ...AS_OF], [SC, '--allocation', 'shapley', ...AS_OF]],
  attach: [[CS, 'JJY', '--to', 'YYHY', ...AS_OF]],
  cluster: [[CS, 'A12', 'A13', 'A15', 'A17', '--allocation', 'scrb', ...AS_OF]],
  sweep: [[CS, '--vary', 'fee_rate=0.5:3:0.5', ...AS_OF]],
  project: [[SC, '--years', '5', ...AS_OF]],
  // bid took its ids as `--compounds A,B` before the ids became arguments (`bid FILE A B`).
  bid: [[CS, ...bidIds('YYHY'), '--margin', '5%', ...AS_OF], [SC, ...bidIds('YYHY', 'JJY'), '--margin', '8%', ...AS_OF]],
  check: [[SC, ...AS_OF]],
  test: [['test/cases']],
  plan: [[DI, ...AS_OF]],
  schema: [['evaluate']],
};
const formats = ['table', 'json', 'csv', 'md'];
const env = { ...process.env, NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
let n = 0;
for (const [command, argLists] of Object.entries(runs)) {
  argLists.forEach((args, i) => {
    for (const format of command === 'schema' ? ['json'] : formats) {
      for (const lang of ['en', 'zh']) {
        const argv = [join(root, 'bin/breakeven'), command, ...args, '--format', format, '--lang', lang];
        const r = spawnSync(process.execPath, argv, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
        const name = `${command}-${i}-${format}-${lang}.txt`;
        writeFileSync(join(out, name), `$ breakeven ${argv.slice(1).join(' ')}\nexit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
        n++;
      }
    }
  });
}
console.log(`${n} runs written to ${out}`);
