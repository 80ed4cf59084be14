/**
 * JSON Schema validation (ajv, draft-07) of rule files, test files and the facts vocabulary.
 * The schemas live in rules/schema/ so editors can use them too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { defaultRulesDir } from './paths.js';

// ajv and ajv-formats are CommonJS with `default` exports that NodeNext typing does not see.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: InstanceType<typeof Ajv>, formats?: string[]) => void;

export interface Validators {
  ruleFile: ValidateFunction;
  testFile: ValidateFunction;
  factsFile: ValidateFunction;
}

let cached: Validators | undefined;

/** fairshot's own schema folder: the rule files' shape is the shape this version's loader reads. */
export const SCHEMA_DIR = join(defaultRulesDir(), 'schema');

/**
 * The validators, from fairshot's own schemas whatever rules folder is read: the loader reads
 * exactly the shape they describe, so another folder's schema/ (missing, older, or one that lets
 * anything through) must not decide what reaches it. `_rulesDir` is kept for callers.
 */
export function validators(_rulesDir?: string): Validators {
  if (cached) return cached;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv, ['date', 'uri']);
  const read = (name: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as object;
  const ruleSchema = read('rule-file.schema.json') as { $id: string };
  ajv.addSchema(ruleSchema);
  const v: Validators = {
    ruleFile: ajv.getSchema(ruleSchema.$id)!,
    testFile: ajv.compile(read('test-file.schema.json')),
    factsFile: ajv.compile({
      type: 'object',
      additionalProperties: false,
      required: ['facts'],
      properties: {
        facts: { type: 'object', additionalProperties: { $ref: `${ruleSchema.$id}#/definitions/fact` } },
      },
    }),
  };
  cached = v;
  return v;
}
