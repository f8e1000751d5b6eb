import { applyChanges } from '../../arrangements/units.js';
import { inputError } from '../../core/errors.js';
import { BidJsonSchema, bidJson, bidView } from '../../present/bid.js';
import { bidWorkbook } from '../../present/bid-workbook.js';
import { viewToWorkbook } from '../../render/xlsx.js';
import { parametersStamp } from '../../present/common.js';
import { priceBid, type BidTarget, type Pricing } from '../../analyses/bid.js';
import { checkIds, parseIdList, parseRate } from '../../analyses/vary.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import { loadInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({
  pricing: z.enum(['lump-sum', 'commission']).default('lump-sum'),
  margin: z.string().optional(),
  commissionRate: z.string().optional(),
});

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, BidJsonSchema.shape);

/**
 * `bid FILE|SCENARIO ID… --margin 6% --pricing lump-sum|commission`. The ids are arguments, as in
 * `cluster` (they were `--compounds A,B`, which every other command uses for a compounds file);
 * a comma-separated list in one argument is still read as ids.
 */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  const ids = args.slice(1).flatMap((a) => parseIdList(a));
  if (ids.length === 0) throw inputError('USAGE', 'missing the ids of the compounds to price', undefined, 'give them after the file: breakeven bid FILE A B …');
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw inputError('USAGE', `"${dup}" is listed twice in the bid`);
  const v = optionsOf(Options, options);
  const pricing: Pricing = v.pricing;
  const marginText = v.margin;
  const rateText = v.commissionRate;
  if (marginText !== undefined && rateText !== undefined) throw inputError('USAGE', 'give --margin or --commission-rate, not both');
  if (rateText !== undefined && pricing !== 'commission') throw inputError('USAGE', '--commission-rate applies to --pricing commission only');

  const input = await loadInput(file, options);
  checkIds(ids, input.compounds.map((c) => c.id), 'the bid');
  const { k } = input.model;
  const target: BidTarget =
    marginText !== undefined
      ? { kind: 'margin', margin: parseRate(marginText, '--margin') }
      : rateText !== undefined
        ? { kind: 'commission', rate: parseRate(rateText, '--commission-rate') }
        : pricing === 'commission'
          ? { kind: 'commission', rate: k.commissionRate }
          : { kind: 'margin', margin: k.targetMargin };
  const byId = new Map(applyChanges(input.compounds, input.scenario.compoundChanges).map((c) => [c.id, c]));
  const members = ids.map((id) => byId.get(id)!);
  const result = priceBid(members, k, pricing, target);
  const stamp = parametersStamp(input.model.params, input.model.overlays);
  await emit(
    {
      json: bidJson(result, stamp),
      view: (lang) => bidView(result, stamp, lang),
      // The cost sheet as live formulas, then the view's other tables and notes (bundled or each
      // alone, the saving) as figures.
      workbook: (lang) => {
        const book = bidWorkbook({ result, members, params: input.model.params, k: input.model.k, lang });
        const rest = viewToWorkbook(bidView(result, stamp, lang), lang).sheets.slice(1);
        return { sheets: [...book.sheets, ...rest] };
      },
      warnings: input.warnings,
    },
    options,
    input.inputs,
  );
}
