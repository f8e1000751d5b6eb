import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, visit, type Node } from 'yaml';
import { InputError, type Problem } from '../core/errors.js';

/** A parsed YAML (or JSON) document: its plain value and a way to find where a path is. */
export interface YamlDoc {
  file: string;
  value: unknown;
  /** 1-based line and column of the node at `path` (a key's line for map entries); the nearest
   *  existing ancestor when the path does not exist. */
  where(path: readonly (string | number)[]): { file: string; line: number; column: number };
}

const MAX_ALIASES = 100;

/**
 * Parses YAML text (JSON is YAML too), keeping positions. Syntax errors become an InputError
 * naming file, line and column. Alias bombs are refused by the parser's limit, at the first
 * alias's line; an alias inside the node it names (`a: &a [*a]`) is refused at its line: its
 * value would be cyclic, and code that walks or prints a value (a message quoting it) would never
 * end or would crash.
 */
export function parseYamlDoc(text: string, file: string, opts: { unknownKeyCode?: string } = {}): YamlDoc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = e.pos?.[0] !== undefined ? lineCounter.linePos(e.pos[0]) : undefined;
    problems.push({
      code: 'YAML_SYNTAX',
      message: firstLine(e.message),
      where: { file, ...(pos ? { line: pos.line, column: pos.col } : {}) },
    });
  }
  if (problems.length) throw new InputError(problems);
  let firstAlias: number | undefined;
  const whereOf = (node: unknown) => {
    const pos = lineCounter.linePos(rangeStart(node) ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  visit(doc, {
    // `__proto__` would be dropped by the validation downstream (an object's prototype, not a
    // key), where every other unknown key is refused: refuse it here, for every kind of file.
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        problems.push({
          code: opts.unknownKeyCode ?? 'YAML_UNKNOWN_KEY',
          message: 'unknown key "__proto__"',
          where: whereOf(pair.key),
          hint: '"__proto__" is never a key of this file',
        });
      }
      return undefined;
    },
    // A NUL in a name would reach every output raw (and cut C strings short): refuse it.
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('\0')) {
        problems.push({ code: 'YAML_NUL', message: 'a NUL character (\\0) in a string', where: whereOf(node), hint: 'remove it' });
      }
      return undefined;
    },
    Alias(_, node, path) {
      const at = node.range?.[0];
      firstAlias ??= at;
      const target = node.resolve(doc);
      if (target && path.includes(target)) {
        const pos = lineCounter.linePos(at ?? 0);
        problems.push({
          code: 'YAML_ALIAS_CYCLE',
          message: `the alias *${node.source} refers to a node that contains it, so its value would never end`,
          where: { file, line: pos.line, column: pos.col },
          hint: 'an alias (*name) may only repeat a node defined before and outside it',
        });
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (problems.length) throw new InputError(problems);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    const pos = lineCounter.linePos(firstAlias ?? 0);
    throw new InputError({
      code: 'YAML_ALIASES',
      message: `cannot resolve aliases: ${firstLine((e as Error).message)}`,
      where: { file, line: pos.line, column: pos.col },
      hint: 'avoid recursive or excessive YAML aliases (*name)',
    });
  }
  const where = (path: readonly (string | number)[]) => {
    let node: unknown = doc.contents;
    let pos: number | undefined = rangeStart(node);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(key));
        if (!pair) break;
        pos = rangeStart(pair.key) ?? pos;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key];
        if (!item) break;
        node = item;
        pos = rangeStart(item) ?? pos;
      } else break;
    }
    const lc = lineCounter.linePos(pos ?? 0);
    return { file, line: lc.line, column: lc.col };
  };
  return { file, value, where };
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

function rangeStart(n: unknown): number | undefined {
  const r = (n as Node | null | undefined)?.range;
  return r ? r[0] : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
