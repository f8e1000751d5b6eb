/**
 * JUnit XML as the Jenkins xunit plugin reads it (its junit-10.xsd; a copy of the rules is in
 * test/junit/junit-10.xsd and the tests validate against it with xmllint): <testsuites> of
 * <testsuite> of <testcase>; `time` in seconds on suites and cases; where a case was written
 * (file, line) as <properties> of its suite and in the case's text, because the schema has no
 * `file` or `line` attribute on <testcase>. Pure: times come in with the results.
 */

export interface JunitProperty {
  name: string;
  value: string;
}

export interface JunitCase {
  name: string;
  /** Shown by CI as package.class: give one without path dots (see `junitClassname`). */
  classname: string;
  /** Seconds. */
  time: number;
  /** A check that did not hold (exit 1). */
  failure?: { type: string; message: string; text: string };
  /** Input that could not be used (exit 2): a malformed case file, an unreadable scenario. */
  error?: { type: string; message: string; text: string };
  /** Where the case was written: printed as system-out, since <testcase> takes no properties. */
  where?: string;
}

export interface JunitSuite {
  name: string;
  /** Seconds. */
  time: number;
  properties: readonly JunitProperty[];
  cases: readonly JunitCase[];
}

/** Seconds as SUREFIRE_TIME accepts them: digits, a point, three decimals (never an exponent). */
export function junitTime(seconds: number): string {
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 0).toFixed(3);
}

/**
 * A classname from a file path: no directory separators and no dots (CI splits a classname at its
 * last dot into package and class, so `cases/case-study.yaml` would become class "yaml" of
 * package "cases/case-study"). `test/cases/case-study.yaml` → `test_cases_case-study`.
 */
export function junitClassname(path: string): string {
  const noExt = path.replace(/\.[A-Za-z0-9]+$/, '');
  const parts = noExt.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..');
  const name = parts.join('_').replace(/[.\s]+/g, '_');
  return name === '' ? 'breakeven' : name;
}

export function renderJunit(name: string, suites: readonly JunitSuite[]): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let time = 0;
  for (const s of suites) {
    tests += s.cases.length;
    failures += s.cases.filter((c) => c.failure).length;
    errors += s.cases.filter((c) => c.error).length;
    time += s.time;
  }
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${junitTime(time)}">`,
  ];
  for (const s of suites) {
    const f = s.cases.filter((c) => c.failure).length;
    const e = s.cases.filter((c) => c.error).length;
    out.push(`  <testsuite name="${xml(s.name)}" tests="${s.cases.length}" failures="${f}" errors="${e}" skipped="0" time="${junitTime(s.time)}">`);
    if (s.properties.length) {
      out.push('    <properties>');
      for (const p of s.properties) out.push(`      <property name="${xml(p.name)}" value="${xml(p.value)}"/>`);
      out.push('    </properties>');
    }
    for (const c of s.cases) {
      const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" time="${junitTime(c.time)}"`;
      const body: string[] = [];
      if (c.error) body.push(`      <error message="${xml(c.error.message)}" type="${xml(c.error.type)}">${xml(c.error.text)}</error>`);
      if (c.failure) body.push(`      <failure message="${xml(c.failure.message)}" type="${xml(c.failure.type)}">${xml(c.failure.text)}</failure>`);
      if (c.where) body.push(`      <system-out>${xml(c.where)}</system-out>`);
      if (body.length === 0) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`, ...body, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
