/**
 * Reading the compiled rule bundle without YAML or ajv (the fast path). `npm run build` validates every rule file and writes the loaded rules
 * to dist/rules.bundle.json, with a hash of the files it came from. Commands that only need the
 * rules (check, batch, screen) load the bundle when its hash still matches the files, so they
 * skip YAML parsing and schema compilation; otherwise they load and validate the YAML as usual.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Jurisdiction, RuleSet } from '../core/types.js';
import { defaultRulesDir, jurisdictionDirs } from './paths.js';

export const BUNDLE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'rules.bundle.json');
const FORMAT = 1;

/** Hash of every rule file (content, not dates, so a fresh clone still matches). */
export function rulesHash(dir: string): string {
  const h = createHash('sha1');
  h.update(`format ${FORMAT}\n`);
  const add = (p: string) => {
    h.update(p.slice(dir.length));
    h.update(readFileSync(p));
  };
  for (const f of ['facts.yaml', 'schema/rule-file.schema.json']) if (existsSync(join(dir, f))) add(join(dir, f));
  for (const code of jurisdictionDirs(dir)) {
    for (const f of readdirSync(join(dir, code)).sort()) {
      const p = join(dir, code, f);
      if (/\.ya?ml$/i.test(f) && statSync(p).isFile()) add(p);
    }
  }
  return h.digest('hex');
}

type Entries<V> = [string, V][];
interface SerialJur extends Omit<Jurisdiction, 'lists' | 'ladders' | 'facts'> {
  lists: Entries<unknown>;
  ladders: Entries<unknown>;
  facts: Entries<unknown>;
}

export function serialise(rules: RuleSet, hash: string): string {
  const jurs: Entries<SerialJur> = [...rules.jurisdictions].map(([code, j]) => [
    code,
    { ...j, lists: [...j.lists], ladders: [...j.ladders], facts: [...j.facts] },
  ]);
  return JSON.stringify({ format: FORMAT, hash, facts: [...rules.facts], jurisdictions: jurs });
}

export function deserialise(text: string): { hash: string; rules: RuleSet } | undefined {
  const d = JSON.parse(text) as { format: number; hash: string; facts: Entries<never>; jurisdictions: Entries<SerialJur> };
  if (d.format !== FORMAT) return undefined;
  const jurisdictions = new Map<string, Jurisdiction>();
  for (const [code, j] of d.jurisdictions) {
    jurisdictions.set(code, { ...j, lists: new Map(j.lists), ladders: new Map(j.ladders), facts: new Map(j.facts) } as Jurisdiction);
  }
  return { hash: d.hash, rules: { facts: new Map(d.facts), jurisdictions } };
}

/** The bundled rules, when the bundle exists and still matches the files in `dir`. */
export function readFreshBundle(dir?: string): RuleSet | undefined {
  const target = resolve(dir ?? defaultRulesDir());
  if (target !== resolve(defaultRulesDir()) || !existsSync(BUNDLE)) return undefined;
  try {
    const b = deserialise(readFileSync(BUNDLE, 'utf8'));
    if (b && b.hash === rulesHash(target)) return b.rules;
  } catch {
    // a damaged bundle is ignored; the files are the truth
  }
  return undefined;
}
