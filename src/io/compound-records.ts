/**
 * From records (rows of cells, from a CSV file or a worksheet) to compounds: finding the header
 * below title rows, leaving out totals rows, validating each row, catching duplicate ids and mixed
 * coordinates. One record at a time, so the CSV reader keeps streaming; nothing but the id index
 * is kept.
 */
import type { Compound } from '../core/compound.js';
import type { Problem, Where } from '../core/errors.js';
import { resolveHeader, wrongUnit, type ColumnMap, type ColumnName } from '../schema/columns.js';
import { MAX_PLAUSIBLE_FEE_RATE, RowValidator, isTotalsLabel, type RawCell } from '../schema/compound.js';
import { IdIndex } from './id-index.js';

/** How the records are read into compounds; the reader options every input format shares. */
export interface RecordOptions {
  /** The line (CSV) or row (worksheet) of the header, 1-based. Default: found automatically. */
  headerRow?: number;
  /** Header text → column (or null: ignore), keys normalised (`--columns map.yaml`). */
  columns?: ColumnMap;
  /** Accept fee_rate above MAX_PLAUSIBLE_FEE_RATE (`--allow-high-fees`). */
  allowHighFees?: boolean;
}

/** How many non-blank records may come before the header (title lines, notes) when it is found automatically. */
export const MAX_TITLE_ROWS = 10;

/** Thrown to end reading; the problems are already reported. */
export class HeaderUnusable extends Error {}

type Resolved = ReturnType<typeof resolveHeader>;

/**
 * Takes records in file order (`record`), then `end()`. Problems go to `report`; valid compounds
 * to `onCompound`. `record` throws HeaderUnusable when the header cannot be used.
 */
export class CompoundSink {
  /** Data records seen (blank rows and totals rows excluded). */
  rows = 0;
  /** Not errors: unknown or ignored columns, skipped title and totals rows. */
  warnings: Problem[] = [];
  /** A header was found. */
  header = false;
  /** CSV only: the header's width, for the ragged-row check (0: no check). */
  width = 0;

  private validator: RowValidator | undefined;
  private idIndex = 0;
  private nameIndex = -1;
  private areaIndex = -1;
  private feeIndex = -1;
  /** The first row under the header may be a row of units (㎡, 户, 元/㎡·月). */
  private unitsRowNext = false;
  private readonly ids = new IdIndex();
  private locationKind: 'geo' | 'xy' | undefined;
  private firstLine: number | undefined;
  private firstText = '';
  private scanned = 0;
  private best: { line: number; h: Resolved } | undefined;

  constructor(
    private readonly file: string,
    private readonly opts: RecordOptions & {
      /** In a workbook: the sheet, for every place named. */
      sheet?: string;
      /** CSV: rows must be as wide as the header. */
      checkWidth?: boolean;
    },
    private readonly report: (p: Problem) => void,
    private readonly onCompound: (c: Compound) => void,
  ) {}

  private at(line: number, column?: number, field?: string): Where {
    const w: Where = { file: this.file, line };
    if (column !== undefined) w.column = column;
    if (field !== undefined) w.field = field;
    if (this.opts.sheet !== undefined) w.sheet = this.opts.sheet;
    return w;
  }

  /**
   * One record and its line (CSV) or row (sheet). Before the header: a header candidate or a title
   * row. After it: blank, totals and note rows are left out, others validated. `check` (CSV: NUL
   * and undecodable bytes) may veto a row after reporting why.
   */
  record(rec: readonly RawCell[], line: number, check?: (rec: readonly RawCell[], line: number) => boolean): void {
    if (this.validator === undefined) {
      this.findHeader(rec, line, check);
      return;
    }
    const v = this.validator;
    const idCell = rec[this.idIndex];
    if (isBlank(idCell) && rec.every(isBlank)) return;
    if (isTotalsLabel(idCell) || isTotalsLabel(rec[0]) || (this.nameIndex >= 0 && isTotalsLabel(rec[this.nameIndex]))) {
      const label = [idCell, rec[0], this.nameIndex >= 0 ? rec[this.nameIndex] : undefined].find(isTotalsLabel) as string;
      this.warnings.push({
        code: 'CSV_TOTALS_ROW',
        message: `the totals row "${label.trim()}" (row ${line}) is left out`,
        where: this.at(line),
        text: { message: { key: 'input.totalsRow', params: { label: label.trim(), row: line } } },
      });
      return;
    }
    if (this.unitsRowNext) {
      this.unitsRowNext = false;
      if (isUnitsRow(rec)) {
        const feeUnit = this.feeIndex >= 0 ? cellText(rec[this.feeIndex]).trim() : '';
        const wrong = feeUnit === '' ? undefined : wrongUnit('fee_rate', `(${feeUnit})`);
        if (wrong !== undefined) {
          this.report({
            code: 'CSV_WRONG_UNIT',
            message: `the fee column is in ${wrong}, but "fee_rate" is yuan per m² a month`,
            where: this.at(line, this.feeIndex + 1, 'fee_rate'),
            hint: 'convert the column to yuan per m² a month (a per-household fee × households ÷ area; a yearly fee ÷ 12)',
          });
          throw new HeaderUnusable();
        }
        this.warnings.push({
          code: 'CSV_UNITS_ROW',
          message: `row ${line} under the header gives units and is left out`,
          where: this.at(line),
          text: { message: { key: 'input.unitsRow', params: { row: line } } },
        });
        return;
      }
    }
    // A note under the table (注：…, 制表：…) or a section heading (一、售后公房): one cell of
    // text and no area. Checked only when the area is blank, so data rows pay one test.
    if (isBlank(rec[this.areaIndex])) {
      const note = noteText(rec);
      if (note !== undefined) {
        const text = note.length > 40 ? `${note.slice(0, 39)}…` : note;
        this.warnings.push({
          code: 'CSV_NOTE_ROW',
          message: `row ${line} holds only a note or heading ("${text}") and is left out`,
          where: this.at(line),
          text: { message: { key: 'input.noteRow', params: { row: line, text } } },
        });
        return;
      }
    }
    this.rows++;
    const width = this.width;
    if (this.opts.checkWidth && rec.length !== width && !(rec.length > width && rec.slice(width).every(isBlank))) {
      this.report({
        code: 'CSV_RAGGED_ROW',
        message: `expected ${width} fields as in the header, got ${rec.length}`,
        where: this.at(line),
        hint: rec.length < width ? 'add the missing fields, empty if unknown' : 'quote fields that contain the delimiter',
      });
      return;
    }
    if (check && !check(rec, line)) return;

    const c = v.toCompound(rec, line, this.report);
    // Ids are registered even on rows with other problems, so a later duplicate is still named.
    const id = c ? c.id : cellText(idCell).trim();
    if (id !== '') {
      const first = this.ids.addOrFirstLine(id, line);
      if (first !== 0) {
        this.report({
          code: 'CSV_DUPLICATE_ID',
          message: `duplicate id ${JSON.stringify(id)}, first seen on ${this.place(first)}`,
          where: this.at(line, this.idIndex + 1, 'id'),
          hint: 'ids must be unique',
        });
        return;
      }
    }
    if (!c) return;
    if (c.location) {
      if (this.locationKind === undefined) this.locationKind = c.location.kind;
      else if (c.location.kind !== this.locationKind) {
        this.report({
          code: 'CSV_MIXED_LOCATION',
          message: `this row is located by ${c.location.kind === 'geo' ? 'lat/lon' : 'x_m/y_m'}, earlier rows by ${this.locationKind === 'geo' ? 'lat/lon' : 'x_m/y_m'}`,
          where: this.at(line, undefined, c.location.kind === 'geo' ? 'lat' : 'x_m'),
          hint: 'distances need one kind of coordinates for the whole file',
        });
        return;
      }
    }
    this.onCompound(c);
  }

  /** After the last record: a header never found, or no rows under it, is reported. */
  end(): void {
    if (this.validator !== undefined) return;
    if (this.best) {
      this.best.h.problems.forEach(this.report);
      return;
    }
    if (this.opts.headerRow !== undefined && this.firstLine !== undefined) {
      this.report({
        code: 'CSV_EMPTY',
        message: `no header on ${this.place(this.opts.headerRow)} (given as the header row): the file ends before it`,
        where: this.at(this.opts.headerRow),
      });
    }
  }

  /** "line 7", or "row 7" in a workbook. */
  private place(line: number): string {
    return this.opts.sheet !== undefined ? `row ${line}` : `line ${line}`;
  }

  private findHeader(rec: readonly RawCell[], line: number, check?: (rec: readonly RawCell[], line: number) => boolean): void {
    // Blank-looking lines before the header (spaces, bare delimiters) are not a header.
    if (rec.every(isBlank)) return;
    if (this.firstLine === undefined) {
      this.firstLine = line;
      const t = cellText(rec.find((c) => !isBlank(c))).trim();
      this.firstText = t.length > 40 ? `${t.slice(0, 39)}…` : t;
    }
    const wanted = this.opts.headerRow;
    if (wanted !== undefined && line < wanted) return;
    if (check) check(rec, line);
    const cells = rec.map(cellText);
    const h = resolveHeader(cells, this.file, line, this.opts.columns, this.opts.sheet !== undefined ? { sheet: this.opts.sheet } : undefined);
    if (wanted !== undefined && line > wanted) {
      this.report({
        code: 'CSV_MISSING_COLUMN',
        message: `${this.place(wanted)}, given as the header row, is empty`,
        where: this.at(wanted),
        hint: `the first row with text below it is ${this.place(line)}`,
      });
      throw new HeaderUnusable();
    }
    const usable = !h.problems.some((p) => p.code === 'CSV_MISSING_COLUMN');
    if (!usable && wanted === undefined) {
      this.scanned++;
      if (this.best === undefined || h.known > this.best.h.known) this.best = { line, h };
      if (this.scanned >= MAX_TITLE_ROWS) {
        this.best.h.problems.forEach(this.report);
        throw new HeaderUnusable();
      }
      return;
    }
    if (h.problems.length > 0) {
      h.problems.forEach(this.report);
      throw new HeaderUnusable();
    }
    this.header = true;
    this.best = undefined;
    this.warnings = h.warnings;
    if (wanted === undefined && this.firstLine < line) {
      const from = this.firstLine;
      const to = line - 1;
      const title = this.firstText;
      this.warnings.unshift({
        code: 'CSV_TITLE_ROWS',
        message:
          from === to
            ? `row ${from} above the header is skipped (title: "${title}")`
            : `rows ${from}–${to} above the header are skipped (title: "${title}")`,
        where: this.at(from),
        text: { message: from === to ? { key: 'input.titleRow', params: { row: from, title } } : { key: 'input.titleRows', params: { from, to, title } } },
      });
    }
    this.width = rec.length;
    const positions: Partial<Record<ColumnName, number>> = {};
    h.fields.forEach((col, i) => {
      if (col !== null) positions[col] = i;
    });
    this.idIndex = positions.id ?? 0;
    this.nameIndex = positions.name ?? -1;
    this.areaIndex = positions.area_m2 ?? -1;
    this.feeIndex = positions.fee_rate ?? -1;
    this.unitsRowNext = true;
    this.validator = new RowValidator(
      positions,
      this.file,
      (field) => {
        const i = positions[field as ColumnName];
        return i === undefined ? undefined : i + 1;
      },
      {
        ...(this.opts.allowHighFees ? {} : { feeCeiling: MAX_PLAUSIBLE_FEE_RATE }),
        ...(this.opts.sheet !== undefined ? { sheet: this.opts.sheet } : {}),
      },
    );
  }
}

/**
 * How notes and headings in a table start: 注/备注/说明/附注, who made or checked the table
 * (制表, 填表, 审核, 负责人, 联系人), the source (数据来源), Chinese numbering (一、), "Note".
 */
const NOTE_RE = /^(注|备注|说明|附注|制表|填表|填报|审核|负责人|联系人|联系电话|数据来源|来源|note\b|source\b|[一二三四五六七八九十]+[、.．])/i;

// A unit as a units row under the header writes it, after NFKC and without brackets and spaces.
const UNIT_RE = /^(m2|m²|平方米|平米|亩|户|人|元.*|万元.*|个|台|部|层|幢|栋|座|处|年|%|—|-|\/|单位|计量单位)$/;

/** True for a row whose cells are all units (㎡, 户, 元/㎡·月, 年), at least two of them. */
function isUnitsRow(rec: readonly RawCell[]): boolean {
  let units = 0;
  for (const c of rec) {
    if (isBlank(c)) continue;
    if (typeof c !== 'string') return false;
    const t = c.normalize('NFKC').replace(/[\s()[\]（）【】]/g, '');
    if (!UNIT_RE.test(t)) return false;
    units++;
  }
  return units >= 2;
}

/** The text of a row that is one cell of note or heading text (see NOTE_RE), else undefined. */
function noteText(rec: readonly RawCell[]): string | undefined {
  let text: string | undefined;
  for (const c of rec) {
    if (isBlank(c)) continue;
    if (text !== undefined || typeof c !== 'string') return undefined;
    text = c.trim();
  }
  return text !== undefined && NOTE_RE.test(text.normalize('NFKC')) ? text : undefined;
}

/** A cell as text (a header cell, an id for messages). */
export function cellText(c: RawCell): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'number' ? String(c) : c;
}

/** True for an empty cell or one of white space only. */
export function isBlank(s: RawCell): boolean {
  if (s === undefined || s === null) return true;
  if (typeof s === 'number') return false;
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  // A printable ASCII first character settles it without trim() (the usual case).
  return (c <= 32 || c >= 127) && s.trim().length === 0;
}
