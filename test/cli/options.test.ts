import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { ModelOptions, optionsOf } from '../../src/cli/options.js';

describe('optionsOf', () => {
  const Options = ModelOptions.extend({ maxMembers: z.number().int().positive(), timeLimit: z.number().optional() });

  it('returns the typed values and lets the shell’s own options pass by', () => {
    const v = optionsOf(Options, { values: { maxMembers: 8, asOf: '2025-07-01', params: ['a.yaml'], format: 'json', lang: 'zh' } });
    expect(v).toEqual({ maxMembers: 8, asOf: '2025-07-01', params: ['a.yaml'] });
  });

  it('refuses a value of the wrong shape as a usage error naming the flag', () => {
    let error: unknown;
    try {
      optionsOf(Options, { values: { maxMembers: 2.5 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const problem = (error as InputError).problems[0]!;
    expect(problem.code).toBe('USAGE');
    expect(problem.message).toMatch(/^--max-members: /);
  });
});
