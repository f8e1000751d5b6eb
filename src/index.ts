/**
 * The library API of breakeven: the same functions the command line uses, for scripts and other
 * tools. The CLI (src/cli) is not part of it.
 */

// Domain types and exact money.
export * from './core/compound.js';
export * from './core/categories.js';
export * from './core/errors.js';
export * from './core/geo.js';
export * from './core/money.js';
export type { Align, Block, Cell, Column, Table, Tone, View } from './core/table.js';

// Reading and writing files.
export { readCompounds, readCompoundStream, type ReadOptions, type ReadSummary } from './io/read-compounds.js';
export { COLUMNS, COLUMN_ALIASES, REQUIRED_COLUMNS, type ColumnName } from './io/columns.js';
export { writeFileAtomic, type WriteAtomicOptions } from './io/write-atomic.js';

// Rendering views and reports.
export { FORMATS, LANGS, type Format, type Lang, type RenderOptions } from './render/options.js';
export { RENDERERS, renderOutput, type Renderable, type Renderer } from './render/registry.js';
export { renderTable } from './render/table.js';
export { renderCsv } from './render/csv.js';
export { renderMd } from './render/md.js';
export { renderJson } from './render/json.js';
export { t, type MessageKey } from './render/i18n.js';
export * from './render/format.js';
export { stringWidth } from './render/width.js';
