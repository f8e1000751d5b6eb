// The baseline every time is compared with: csv-parse alone streaming the file, with the options
// and chunk size src/io/read-compounds.ts uses, each record counted and dropped. Nothing of ours
// runs: no decoding check, no validation, no model, no output.
//
// And a floor for `evaluate --format json`: the cost of only encoding and writing as many bytes
// as it writes, the way its sink does (src/io/write-atomic.ts: pieces encoded into a reused 1 MiB
// buffer, written, fsync at the end). No reading, no model, no JSON building.
import { Buffer } from 'node:buffer';
import { closeSync, createReadStream, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Parser } from 'csv-parse';

/** The reader's csv-parse options (read-compounds.ts: `new RecordParser({...})`) and chunk size. */
export const READER_CSV_OPTIONS = Object.freeze({
  delimiter: ',',
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: 1024 * 1024,
});
export const READER_CHUNK_BYTES = 64 * 1024;

/** Streams `file` through csv-parse; resolves to the number of records (header included). */
export async function csvParseBaseline(file) {
  let records = 0;
  const parser = new Parser(READER_CSV_OPTIONS);
  parser.on('data', () => {
    records++;
  });
  await pipeline(createReadStream(file, { highWaterMark: READER_CHUNK_BYTES }), parser);
  return records;
}

/** One compound's record as evaluate writes it (≈ 2 KB), in the three pieces the command writes. */
const RECORD_HEAD = ',\n    {"id":"H0000001","name":';
const RECORD_NAME = '"安福路420弄2号"';
const RECORD_TAIL =
  ',"feeRate":0.81,"collectionRate":0.6,"grossRevenue":"3688.16","taxes":"233.82","revenue":"3454.34","cost":"67830.63",' +
  '"profit":"-64376.29","margin":-18.6364,"viable":false,"breakEvenFee":15.905437,"bidFee":17.10262,"subsidyNeeded":"64376.29",' +
  '"staff":[{"role":"manager","fte":0.3},{"role":"cleaner","fte":0.1},{"role":"maintenance","fte":0.1}],"costLines":[' +
  [
    ['staff.manager', 'staff', 'Manager', '38016.00'],
    ['staff.cleaner', 'staff', 'Cleaners', '5632.32'],
    ['staff.maintenance', 'staff', 'Maintenance workers', '10664.64'],
    ['common.electricity', 'common_parts', 'Common electricity and water', '151.78'],
    ['common.minor_repairs', 'common_parts', 'Minor repairs of common parts', '377.92'],
    ['common.dredging', 'common_parts', 'Manhole and sewer dredging', '2000.00'],
    ['common.fire_inspection', 'common_parts', 'Fire equipment inspection', '1000.00'],
    ['cleaning.pest_control', 'cleaning', 'Pest control', '1200.00'],
    ['cleaning.consumables', 'cleaning', 'Cleaning materials and refuse', '368.11'],
    ['greening.materials', 'greening', 'Greening materials', '120.00'],
    ['security.gates', 'security', 'Gate and access equipment', '800.00'],
    ['office', 'office', 'Office costs', '3000.00'],
    ['depreciation', 'depreciation', 'Depreciation of equipment', '1600.00'],
    ['insurance', 'insurance', 'Insurance', '500.00'],
    ['overhead', 'overhead', 'Head-office overhead', '3249.86'],
  ]
    .map(([key, category, label, amount]) => `{"key":"${key}","category":"${category}","label":"${label}","amount":"${amount}"}`)
    .join(',') +
  ']}';

/**
 * Writes `bytes` bytes of evaluate-like records to `file` through a reused 1 MiB buffer, fsyncs,
 * closes and deletes it; returns the records written. Each record is built afresh (a number
 * changes), as evaluate builds each, so the cost of flattening and encoding new strings counts.
 */
export function writeBytesFloor(bytes, file) {
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(file, 'w');
  let used = 0;
  let written = 0;
  let records = 0;
  const flush = () => {
    let off = 0;
    while (off < used) off += writeSync(fd, buf, off, used - off);
    written += used;
    used = 0;
  };
  while (written + used < bytes) {
    const head = RECORD_HEAD.replace('0000001', String(records % 10_000_000).padStart(7, '0'));
    for (const piece of [head, RECORD_NAME, RECORD_TAIL]) {
      if (used + piece.length * 3 > buf.length) flush();
      used += buf.write(piece, used);
    }
    records++;
  }
  flush();
  fsyncSync(fd);
  closeSync(fd);
  unlinkSync(file);
  return records;
}
