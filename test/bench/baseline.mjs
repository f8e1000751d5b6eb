// The baseline every time is compared with: csv-parse alone streaming the file, with the options
// and chunk size src/io/read-compounds.ts uses, each record counted and dropped. Nothing of ours
// runs: no decoding check, no validation, no model, no output.
import { createReadStream } from 'node:fs';
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
