/**
 * Reading YAML data files (rule files, test cases, the clinic directory) so that every later
 * complaint can name file:line:col. Parsing keeps a map from JSON pointer to source position.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ErrorObject } from 'ajv';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface SourceDoc {
  file: string;
  data: unknown;
  /** JSON pointer ("/rules/0/when/fact") -> [line, col] of the value; "key:" prefix for the key. */
  positions: Map<string, [number, number]>;
  diagnostics: Diagnostic[];
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

/** Parse YAML text. Syntax errors, duplicate keys and alias bombs become diagnostics, never throws. */
export function parseYamlSource(file: string, text: string): SourceDoc {
  const lc = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const positions = new Map<string, [number, number]>();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    diagnostics.push({ file, line: pos.line, col: pos.col, message: cleanYamlMessage(e.message), severity: 'error' });
  }
  if (diagnostics.length > 0) return { file, data: undefined, positions, diagnostics };
  const at = (node: Node | null | undefined): [number, number] | undefined => {
    const off = node?.range?.[0];
    if (off === undefined) return undefined;
    const p = lc.linePos(off);
    return [p.line, p.col];
  };
  /** The maps and lists that hold the node being walked: an alias to one of them is a loop. */
  const open = new Set<unknown>();
  const walk = (node: unknown, ptr: string) => {
    const here = at(node as Node);
    if (here) positions.set(ptr, here);
    if (isAlias(node)) {
      if (open.has(node.resolve(doc))) {
        diagnostics.push({ file, line: here?.[0] ?? 1, col: here?.[1] ?? 1, message: `*${node.source} refers to a node that contains it: a condition (or any value) cannot hold itself`, severity: 'error' });
      }
      return;
    }
    if (isMap(node)) {
      open.add(node);
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${ptr}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const kp = at(pair.key as Node);
        if (kp) positions.set(`key:${child}`, kp);
        walk(pair.value, child);
        if (!positions.has(child) && kp) positions.set(child, kp);
      }
      open.delete(node);
    } else if (isSeq(node)) {
      open.add(node);
      node.items.forEach((item, i) => walk(item, `${ptr}/${i}`));
      open.delete(node);
    }
  };
  walk(doc.contents, '');
  // a value that holds itself would send every later step round in circles
  if (diagnostics.length > 0) return { file, data: undefined, positions, diagnostics };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const [line, col] = positions.get('') ?? [1, 1];
    diagnostics.push({ file, line, col, message: `cannot be read: ${(e as Error).message}`, severity: 'error' });
  }
  return { file, data, positions, diagnostics };
}

function cleanYamlMessage(m: string): string {
  return m.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
}

/** Position of a pointer, or of its nearest located ancestor. */
export function locate(src: SourceDoc, pointer: string, key = false): [number, number] {
  let p = pointer;
  for (;;) {
    const hit = (key && src.positions.get(`key:${p}`)) || src.positions.get(p);
    if (hit) return hit;
    if (p === '') return [1, 1];
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export function diag(src: SourceDoc, pointer: string, message: string, severity: 'error' | 'warning' = 'error', key = false): Diagnostic {
  const [line, col] = locate(src, pointer, key);
  return { file: src.file, line, col, message, severity };
}

/** Turn ajv's errors into located, readable diagnostics (one per place). */
export function schemaDiagnostics(src: SourceDoc, errors: ErrorObject[] | null | undefined): Diagnostic[] {
  if (!errors) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // oneOf/anyOf produce noise; prefer the most specific (deepest) error per place.
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const skipped: ErrorObject[] = [];
  for (const e of sorted) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') {
      skipped.push(e);
      continue;
    }
    let pointer = e.instancePath;
    let message: string;
    if (e.keyword === 'additionalProperties') {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      pointer = `${pointer}/${name}`;
      const allowed = allowedKeys(e);
      const hint = allowed.length ? didYouMean(name, allowed) : '';
      message = `unknown key "${name}"${hint}`;
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const value = String(getAt(src.data, pointer));
      message = `"${value}" is not allowed here${didYouMean(value, allowed) || `; expected one of ${allowed.join(', ')}`}`;
    } else if (e.keyword === 'required') {
      message = `missing "${(e.params as { missingProperty: string }).missingProperty}"`;
    } else if (e.keyword === 'format' && (e.params as { format: string }).format === 'date') {
      message = `"${String(getAt(src.data, pointer))}" is not a real date written YYYY-MM-DD`;
    } else {
      message = e.message ?? 'is not valid';
      const name = pointer.split('/').pop();
      if (name) message = `${name} ${message}`;
    }
    const key = `${pointer}|${e.keyword === 'additionalProperties' ? 'k' : ''}`;
    if (seen.has(pointer) && e.keyword !== 'additionalProperties') continue;
    seen.add(pointer);
    void key;
    out.push(diag(src, pointer, message, 'error', e.keyword === 'additionalProperties'));
  }
  // A value that fails only a choice of forms (every alternative, or more than one) would otherwise
  // say nothing, and the file would be left out without a word: name the place.
  for (const e of skipped) {
    if (seen.has(e.instancePath)) continue;
    seen.add(e.instancePath);
    const passing = (e.params as { passingSchemas?: unknown }).passingSchemas;
    const name = e.instancePath.split('/').pop() || 'this value';
    const message = Array.isArray(passing) ? `${name} fits more than one allowed form` : `${name} fits none of the allowed forms`;
    out.push(diag(src, e.instancePath, message));
  }
  if (out.length === 0) out.push(diag(src, '', 'this file does not fit the rule-file schema'));
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

function allowedKeys(e: ErrorObject): string[] {
  const schema = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return schema?.properties ? Object.keys(schema.properties) : [];
}

export function getAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

/** ` — did you mean "x"?` for the nearest candidate within a sensible distance, else ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return '';
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestD <= limit ? ` — did you mean "${best}"?` : '';
}
