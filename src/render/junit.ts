/**
 * JUnit XML as the Jenkins xunit plugin reads it (its junit-10.xsd; the rules are in
 * test/junit/junit-10.xsd and the tests validate against it with xmllint): <testsuites> of
 * <testsuite> of <testcase>; `time` in seconds on suites and cases; where a case was written
 * (file, line) as <properties> of its suite, because the schema has no `file` or `line` attribute
 * on <testcase>. Pure: the suites (src/present/junit.ts) come with their times.
 */
import type { JunitSuite } from '../present/junit.js';

/** Seconds as SUREFIRE_TIME accepts them: digits, a point, three decimals (never an exponent). */
export function junitTime(seconds: number): string {
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 0).toFixed(3);
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
