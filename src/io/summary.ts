/**
 * Counting a batch run as it goes, for the end-of-run summary on stderr and the `--summary`
 * Markdown report. Memory is bounded: states and statuses are small sets, and at most
 * MAX_REASONS distinct reason texts are counted per status (later new texts count as "other").
 */
import { CHARGE_STATUSES, RELIEF_KINDS, VOTING_STATUSES, type PersonResult, type ReliefKind } from '../core/types.js';

const MAX_REASONS = 5000;
type Counts = Record<string, number>;

const zero = (keys: readonly string[]): Counts => Object.fromEntries(keys.map((k) => [k, 0]));

interface StateTally {
  persons: number;
  charges: number;
  relief: Record<ReliefKind, Counts>;
}

function newStateTally(): StateTally {
  return {
    persons: 0,
    charges: 0,
    relief: { expungement: zero(CHARGE_STATUSES), sealing: zero(CHARGE_STATUSES), set_aside: zero(CHARGE_STATUSES) },
  };
}

export class Tally {
  persons = 0;
  charges = 0;
  /** Persons whose record could not be read (output record with `errors`). */
  personsWithErrors = 0;
  /** Distinct input rows named by errors. */
  rowsWithErrors = 0;
  /** Persons with at least one charge eligible now for some relief. */
  personsEligibleNow = 0;
  /** Persons with at least one charge eligible now by petition (something to file). */
  personsToFile = 0;
  readonly relief: Record<ReliefKind, Counts> = newStateTally().relief;
  readonly voting: Counts = { ...zero(VOTING_STATUSES), none: 0 };
  readonly states = new Map<string, StateTally>();
  /** status -> "kind\treason" -> count */
  readonly reasons: Record<'not_eligible' | 'needs_review', Map<string, number>> = { not_eligible: new Map(), needs_review: new Map() };
  readonly otherReasons: Counts = { not_eligible: 0, needs_review: 0 };
  /** "kind\treason" key -> its text when every charge counted had the same (dates included), else null. */
  readonly samples = new Map<string, string | null>();
  /**
   * "fact\tlabel" -> how many needs_review answers (relief slots and voting) turn on that fact:
   * what an office should collect to settle the most. Bounded by the rule files' facts.
   */
  readonly deciding = new Map<string, number>();
  /** "FACT=VALUE" (batch --assume) -> persons it was filled in for. */
  readonly assumed = new Map<string, number>();
  /** Count reasons (for the Markdown report); off saves time when there is no report. */
  private readonly withReasons: boolean;

  constructor(opts: { reasons?: boolean } = {}) {
    this.withReasons = opts.reasons !== false;
  }

  /** Add another tally (e.g. a worker thread's, after structured cloning: plain data). */
  merge(o: Tally): void {
    this.persons += o.persons;
    this.charges += o.charges;
    this.personsWithErrors += o.personsWithErrors;
    this.rowsWithErrors += o.rowsWithErrors;
    this.personsEligibleNow += o.personsEligibleNow;
    this.personsToFile += o.personsToFile;
    const add = (into: Counts, from: Counts) => {
      for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
    };
    for (const kind of RELIEF_KINDS) add(this.relief[kind], o.relief[kind]);
    add(this.voting, o.voting);
    add(this.otherReasons, o.otherReasons);
    for (const [state, st] of o.states) {
      let mine = this.states.get(state);
      if (!mine) this.states.set(state, (mine = newStateTally()));
      mine.persons += st.persons;
      mine.charges += st.charges;
      for (const kind of RELIEF_KINDS) add(mine.relief[kind], st.relief[kind]);
    }
    for (const [k, v] of o.deciding) this.deciding.set(k, (this.deciding.get(k) ?? 0) + v);
    for (const [k, v] of o.assumed) this.assumed.set(k, (this.assumed.get(k) ?? 0) + v);
    for (const status of ['not_eligible', 'needs_review'] as const) {
      const map = this.reasons[status];
      for (const [k, v] of o.reasons[status]) {
        const n = map.get(k);
        const sample = o.samples?.get(`${status}\t${k}`);
        if (n !== undefined) {
          map.set(k, n + v);
          if (this.samples.get(`${status}\t${k}`) !== sample) this.samples.set(`${status}\t${k}`, null);
        } else if (map.size < MAX_REASONS) {
          map.set(k, v);
          this.samples.set(`${status}\t${k}`, sample ?? null);
        } else this.otherReasons[status]! += v;
      }
    }
  }

  add(r: PersonResult): void {
    this.persons++;
    if (r.errors.length > 0) {
      this.personsWithErrors++;
      this.rowsWithErrors += new Set(r.errors.map((e) => e.row ?? -1)).size;
      return;
    }
    this.charges += r.charges.length;
    const state = r.state ?? '??';
    let st = this.states.get(state);
    if (!st) this.states.set(state, (st = newStateTally()));
    st.persons++;
    st.charges += r.charges.length;
    this.voting[r.voting?.status ?? 'none'] = (this.voting[r.voting?.status ?? 'none'] ?? 0) + 1;
    if (r.voting?.status === 'needs_review') this.countDeciding(r.voting.depends_on);
    let now = false;
    let file = false;
    for (const c of r.charges) {
      for (const kind of RELIEF_KINDS) {
        const slot = c.relief[kind];
        this.relief[kind][slot.status] = (this.relief[kind][slot.status] ?? 0) + 1;
        st.relief[kind][slot.status] = (st.relief[kind][slot.status] ?? 0) + 1;
        if (slot.status === 'eligible') {
          now = true;
          if (!slot.automatic) file = true;
        }
        if (this.withReasons && (slot.status === 'not_eligible' || slot.status === 'needs_review')) this.countReasons(slot.status, kind, slot.reasons);
        if (slot.status === 'needs_review' && slot.depends_on.length > 0) this.countDeciding(slot.depends_on);
      }
    }
    if (now) this.personsEligibleNow++;
    if (file) this.personsToFile++;
  }

  noteAssumed(list: string[]): void {
    for (const a of list) this.assumed.set(a, (this.assumed.get(a) ?? 0) + 1);
  }

  private countDeciding(depends: { fact: string; label: string }[]): void {
    for (const d of depends) {
      const key = `${d.fact}\t${d.label}`;
      this.deciding.set(key, (this.deciding.get(key) ?? 0) + 1);
    }
  }

  /** The facts that decide the most needs_review answers, most first. */
  topDeciding(n: number): { fact: string; label: string; count: number }[] {
    return [...this.deciding.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([key, count]) => {
        const [fact, label] = key.split('\t') as [string, string];
        return { fact, label, count };
      });
  }

  private countReasons(status: 'not_eligible' | 'needs_review', kind: ReliefKind, reasons: string[]): void {
    const map = this.reasons[status];
    for (const reason of reasons) {
      // "not fully confirmed" is a caution about the rule, not why it does not apply
      if (status === 'not_eligible' && UNCONFIRMED.test(reason)) continue;
      const key = `${kind}\t${reason.replace(/\d{4}-\d{2}-\d{2}/g, 'YYYY-MM-DD')}`;
      const n = map.get(key);
      const at = `${status}\t${key}`;
      if (n !== undefined) {
        map.set(key, n + 1);
        if (this.samples.get(at) !== reason) this.samples.set(at, null);
      } else if (map.size < MAX_REASONS) {
        map.set(key, 1);
        this.samples.set(at, reason);
      } else this.otherReasons[status]!++;
    }
  }

  topReasons(status: 'not_eligible' | 'needs_review', n: number): { kind: string; reason: string; count: number }[] {
    return [...this.reasons[status].entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([key, count]) => {
        const [kind, reason] = key.split('\t') as [string, string];
        // the same dates everywhere: said as they are; dates that differ: "[date]"
        return { kind, reason: this.samples.get(`${status}\t${key}`) ?? reason.replace(/YYYY-MM-DD/g, '[date]'), count };
      });
  }
}

const UNCONFIRMED = /^(This rule has not been fully confirmed against the statute|Esta regla no se ha confirmado del todo con la ley)/;

const fmt = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

function statusLine(counts: Counts): string {
  return CHARGE_STATUSES.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${s} ${fmt(counts[s]!)}`)
    .join(', ');
}

/** The end-of-run summary for stderr, in the run's language (status names stay as in the output). */
export function renderRunSummary(t: Tally, ms: number, extra: { stopped?: string; output?: string } = {}, lang: 'en' | 'es' = 'en'): string {
  const es = lang === 'es';
  const rate = ms > 0 ? (t.persons / ms) * 1000 : 0;
  const persons = (n: number) => (es ? plural(n, 'persona') : plural(n, 'person'));
  const head = es ? (extra.stopped ? 'Detenido' : 'Hecho') : extra.stopped ? 'Stopped' : 'Done';
  const lines = [
    `${head}: ${persons(t.persons)}, ${es ? plural(t.charges, 'cargo') : plural(t.charges, 'charge')} ${es ? 'en' : 'in'} ${formatDuration(ms)} (${fmt(Math.round(rate))} ${es ? 'personas/s' : 'persons/s'})${extra.output ? ` -> ${extra.output}` : ''}`,
  ];
  if (t.charges > 0) {
    for (const kind of RELIEF_KINDS) lines.push(`  ${kind.padEnd(12)} ${statusLine(t.relief[kind])}`);
    const v = VOTING_STATUSES.filter((s) => (t.voting[s] ?? 0) > 0).map((s) => `${s} ${fmt(t.voting[s]!)}`);
    if (v.length) lines.push(`  ${'voting'.padEnd(12)} ${v.join(', ')}`);
  }
  if (t.assumed.size > 0) {
    const list = [...t.assumed].map(([a, n]) => `${a} ${es ? 'para' : 'for'} ${persons(n)}`).join(', ');
    lines.push(es ? `  supuesto (--assume, donde el registro no lo decía): ${list}` : `  assumed (--assume, where the record did not say): ${list}`);
  }
  const deciding = t.topDeciding(3);
  if (deciding.length > 0) lines.push(`  ${es ? 'las respuestas abiertas dependen más de' : 'open answers turn most on'}: ${deciding.map((d) => `${d.fact} (${fmt(d.count)})`).join(', ')}`);
  lines.push(
    t.persons === 0
      ? es ? '  no se encontraron registros de personas' : '  no person records were found'
      : t.personsWithErrors === 0
      ? es ? '  se leyeron todas las filas' : '  every row was read'
      : es
      ? `  ${plural(t.personsWithErrors, 'registro')} con errores (${plural(t.rowsWithErrors, 'fila', 'filas')} de entrada): vea su campo "errors"`
      : `  ${plural(t.personsWithErrors, 'record')} with errors (${plural(t.rowsWithErrors, 'input row')}): see their "errors" field`,
  );
  if (extra.stopped) lines.push(`  ${extra.stopped}`);
  return `${lines.join('\n')}\n`;
}

const mdEscape = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The `--summary FILE.md` report: what a legal-aid director reads to plan a clinic. */
export function renderMarkdown(
  t: Tally,
  meta: { input: string; asOf: string; ms: number; stopped?: string; top?: number },
): string {
  const top = meta.top ?? 10;
  const out: string[] = [];
  const pct = (n: number, of: number) => (of > 0 ? `${((n / of) * 100).toFixed(1)}%` : '-');
  out.push(`# fairshot batch summary`, '');
  out.push(`- Input: \`${meta.input}\``);
  out.push(`- Judged as of: ${meta.asOf}`);
  out.push(`- Persons: ${fmt(t.persons)}; charges screened: ${fmt(t.charges)}`);
  out.push(`- Persons with a charge eligible now: ${fmt(t.personsEligibleNow)} (${pct(t.personsEligibleNow, t.persons)}); of them with a petition to file: ${fmt(t.personsToFile)}`);
  out.push(`- Records with errors (not screened): ${fmt(t.personsWithErrors)} (${fmt(t.rowsWithErrors)} input rows)`);
  out.push(`- Time: ${formatDuration(meta.ms)}`);
  if (t.assumed.size > 0) {
    out.push(`- Assumed (\`--assume\`) where a person's record did not say: ${[...t.assumed].map(([a, n]) => `\`${a}\` (${plural(n, 'person')})`).join(', ')}; each such record's warnings say so`);
  }
  if (meta.stopped) out.push(`- **Stopped early:** ${meta.stopped}`);
  out.push('');
  out.push('Counts are of charges: each charge has one best outcome per relief kind.', '');

  out.push('## By relief and status', '');
  out.push(`| relief | ${CHARGE_STATUSES.join(' | ')} |`, `|---|${CHARGE_STATUSES.map(() => '---:').join('|')}|`);
  for (const kind of RELIEF_KINDS) out.push(`| ${kind} | ${CHARGE_STATUSES.map((s) => fmt(t.relief[kind][s] ?? 0)).join(' | ')} |`);
  out.push('');

  out.push('## By state', '');
  out.push(`| state | persons | charges | relief | ${CHARGE_STATUSES.join(' | ')} |`, `|---|---:|---:|---|${CHARGE_STATUSES.map(() => '---:').join('|')}|`);
  for (const [state, st] of [...t.states.entries()].sort((a, b) => b[1].persons - a[1].persons || (a[0] < b[0] ? -1 : 1))) {
    RELIEF_KINDS.forEach((kind, i) => {
      const head = i === 0 ? `| ${state} | ${fmt(st.persons)} | ${fmt(st.charges)}` : '| | |';
      out.push(`${head} | ${kind} | ${CHARGE_STATUSES.map((s) => fmt(st.relief[kind][s] ?? 0)).join(' | ')} |`);
    });
  }
  out.push('');

  out.push('## Voting rights', '', '| status | persons |', '|---|---:|');
  for (const s of [...VOTING_STATUSES, 'none']) if ((t.voting[s] ?? 0) > 0) out.push(`| ${s === 'none' ? 'no voting rule' : s} | ${fmt(t.voting[s]!)} |`);
  out.push('');

  out.push('## What to collect: facts that decide the most needs_review answers', '');
  const deciding = t.topDeciding(top);
  if (deciding.length === 0) out.push('None: no needs_review answer turns on a fact a client could give.', '');
  else {
    out.push('Each answer below would be settled, or brought closer, by knowing this fact (the results\' `depends_on` says what each value gives).', '');
    out.push('| answers | fact | what it is |', '|---:|---|---|');
    for (const d of deciding) out.push(`| ${fmt(d.count)} | \`${d.fact}\` | ${mdEscape(d.label)} |`);
    out.push('');
  }

  for (const status of ['not_eligible', 'needs_review'] as const) {
    out.push(`## Most common reasons: ${status}`, '');
    const rows = t.topReasons(status, top);
    if (rows.length === 0) {
      out.push('None.', '');
      continue;
    }
    out.push('| charges | relief | reason |', '|---:|---|---|');
    for (const r of rows) out.push(`| ${fmt(r.count)} | ${r.kind} | ${mdEscape(r.reason)} |`);
    if (t.otherReasons[status]! > 0) out.push(`| ${fmt(t.otherReasons[status]!)} | | (other reasons, not counted separately) |`);
    out.push('');
  }
  out.push('_Screening results are not legal advice; a lawyer should confirm each case before filing._', '');
  return out.join('\n');
}
