/**
 * JSON Schema validation (ajv, draft-07) of rule files, test files and the facts vocabulary.
 * The schemas live in rules/schema/ so editors can use them too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// ajv and ajv-formats are CommonJS with `default` exports that NodeNext typing does not see.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: InstanceType<typeof Ajv>, formats?: string[]) => void;

export interface Validators {
  ruleFile: ValidateFunction;
  testFile: ValidateFunction;
  factsFile: ValidateFunction;
}

let cached: { dir: string; v: Validators } | undefined;

export function validators(rulesDir: string): Validators {
  if (cached && cached.dir === rulesDir) return cached.v;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  addFormats(ajv, ['date', 'uri']);
  const read = (name: string) => JSON.parse(readFileSync(join(rulesDir, 'schema', name), 'utf8')) as object;
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
  cached = { dir: rulesDir, v };
  return v;
}
