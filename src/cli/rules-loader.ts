/** Loading the rules for a command, reporting rule-file errors on stderr (exit 1). */
import type { RuleSet } from '../core/types.js';
import { InputError } from './errors.js';
import type { Io } from './io.js';

export interface RulesOption {
  rules?: string;
}

export async function loadRulesOrFail(io: Io, opts: RulesOption): Promise<RuleSet> {
  // Fast path: the build's bundle, when it still matches the rule files (no YAML, no ajv).
  const { readFreshBundle } = await import('../rules/bundle-read.js');
  const bundled = readFreshBundle(opts.rules);
  if (bundled) return bundled;
  const { loadRuleSet } = await import('../rules/bundle.js');
  let loaded: ReturnType<typeof loadRuleSet>;
  try {
    loaded = loadRuleSet(opts.rules);
  } catch (e) {
    throw rulesFolderError(e, opts.rules);
  }
  const { rules, diagnostics } = loaded;
  const { formatDiagnostic } = await import('../rules/yaml-source.js');
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) io.err(`${formatDiagnostic(d)}\n`);
    throw new InputError(`the rule files have ${errors.length} error${errors.length === 1 ? '' : 's'}; run \`fairshot rules validate\` for details`);
  }
  return rules;
}

/**
 * A folder that is not a rules folder (no schema/, a file, /dev/zero) as an input error naming
 * what is wrong, not an internal error. Other errors pass as they are.
 */
export function rulesFolderError(e: unknown, dir: string | undefined): unknown {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code)) return e;
  const why = err.code === 'ENOENT' ? `${err.path ?? 'a file'} is missing` : err.code === 'ENOTDIR' ? 'it is not a folder' : err.message;
  return new InputError(`cannot load the rule files${dir ? ` in ${dir}` : ''}: ${why}`);
}
