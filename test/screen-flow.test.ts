/** The questionnaire in-process: scripted answers, @inquirer/testing render() for the prompts themselves. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { input, search, select } from '@inquirer/prompts';
import { render } from '@inquirer/testing';
import { describe, expect, test } from 'vitest';
import { runScreen, type ScreenOptions } from '../src/cli/commands/screen.js';
import type { Io } from '../src/cli/io.js';
import { inquirerPrompter, type PromptImpl } from '../src/cli/prompts/inquirer.js';
import { ScriptedPrompter } from '../src/cli/prompts/prompter.js';
import { askOne } from '../src/cli/prompts/questions.js';
import { run } from '../src/cli/run.js';
import { loadRuleSet } from '../src/rules/bundle.js';

const AS_OF = '2026-11-28';
const { rules } = loadRuleSet();

function fakeIo(stdin: Readable = Readable.from([])) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (s) => void out.push(s),
    err: (s) => void err.push(s),
    stdin,
    stdout: Object.assign(new PassThrough(), { isTTY: false, columns: 60 }),
    stderr: Object.assign(new PassThrough(), { isTTY: false, columns: 60 }),
    color: { out: false, err: false },
    env: {},
    today: AS_OF,
  };
  return { io, out: () => out.join(''), err: () => err.join(''), flat: () => out.join('').replace(/\s+/g, ' ') };
}

const opts = (o: Partial<ScreenOptions> = {}): ScreenOptions => ({ asOf: AS_OF, lang: 'en', langGiven: true, clinics: null, ...o });

// In the order asked. An arrest never charged may be expunged now, so nothing more is asked about it
// (issue 22: only what can change whether or from when relief applies, or the vote).
// The state you live in is read from the ZIP, not asked.
const cannabisArrest = {
  zip: '60614', 'charge.0.state': 'IL', 'charge.0.category': 'cannabis_possession',
  'charge.0.disposition': 'not_charged', more_charges: 'No', review: 'Yes',
};
/** The same arrest with every fact the automatic route reads (as an answers file would hold them). */
const cannabisArrestFull = {
  id: 'me', state: 'IL', zip: '60614', record_complete: true,
  charges: [{ state: 'IL', category: 'cannabis_possession', disposition: 'not_charged', arrest_date: '2017-03', age_at_offense: 30, cannabis_grams: 28.35, il_cannabis_enhanced: false, il_violent_crime_link: false }],
};

describe('the screening with scripted answers', () => {
  test('IL cannabis arrest never charged: may be expunged now; the automatic route says what it would need', async () => {
    const p = new ScriptedPrompter(cannabisArrest);
    const { io, out, err, flat } = fakeIo();
    expect(await runScreen(opts({ prompter: p }), io)).toBe(0);
    expect(p.asked).toEqual(Object.keys(cannabisArrest));
    const text = out();
    expect(text).toMatch(/✔ Expungement: may apply now/);
    expect(flat()).toMatch(/Also: automatic expungement of minor cannabis arrest records — 20 ILCS 2630\/5\.2\(i\)\(1\): needs a closer look\. We need to know: arrest date/);
    expect(text).toMatch(/✔ Voting: you can vote/);
    expect(text).toMatch(/not legal advice/);
    expect(text.split('\n').every((l) => l.length <= 60)).toBe(true);
    expect(err()).not.toMatch(/Expungement/); // results only on stdout
  });

  test('IL cannabis arrest of 30 g or less with every fact given: automatic expungement and how to check it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-screen-'));
    const file = join(dir, 'arrest.json');
    writeFileSync(file, JSON.stringify(cannabisArrestFull));
    const { io, out } = fakeIo();
    expect(await runScreen(opts({ answers: file }), io)).toBe(0);
    const text = out();
    expect(text).toMatch(/✔ Expungement: may happen automatically: check whether it\s+already happened/);
    expect(text).toMatch(/How to check: .*Illinois\s+State\s+Police/s);
    expect(text).toMatch(/20 ILCS 2630\/5\.2\(i\)\(1\)/);
  });

  test('not eligible, with its reasons', async () => {
    const p = new ScriptedPrompter({
      state: 'IL', zip: '', 'charge.0.state': 'IL', 'charge.0.category': 'dui', 'charge.0.disposition': 'convicted',
      'charge.0.il_pardon_or_certificate': 'none',
      'charge.0.level': 'misdemeanor', 'charge.0.class': 'Class A', 'charge.0.sentence_type': 'fine',
      'charge.0.sentence_completed': 'Yes', 'charge.0.sentence_completed_date': '2019', more_charges: 'No',
      registered_sex_offender: 'No', incarcerated: 'No', review: 'Yes',
    });
    const { io, out } = fakeIo();
    expect(await runScreen(opts({ prompter: p }), io)).toBe(0);
    expect(out()).toMatch(/✘ Expungement: does not appear to apply, because:/);
    expect(out()).toMatch(/DUI convictions cannot be sealed/);
  });

  test('"I don\'t know" leads to needs_review and says what paper answers it', async () => {
    const p = new ScriptedPrompter(
      { state: 'IL', zip: '', 'charge.0.state': 'IL', 'charge.0.category': 'cannabis_possession', 'charge.0.disposition': 'convicted', more_charges: 'No', review: 'Yes' },
      { dontKnow: true },
    );
    const { io, out, flat } = fakeIo();
    await runScreen(opts({ prompter: p }), io);
    expect(out()).toMatch(/\? Sealing: needs a lawyer's look/);
    expect(flat()).toMatch(/Where to look: .*(rap sheet|docket)/);
  });

  test('"I don\'t know" how it ended: needs a lawyer\'s look, because …', async () => {
    const p = new ScriptedPrompter({ state: 'IL', zip: '', 'charge.0.state': 'IL', 'charge.0.category': 'theft', 'charge.0.disposition': null, more_charges: 'No', incarcerated: 'No', review: 'Yes' }, { dontKnow: true });
    const { io, out, flat } = fakeIo();
    await runScreen(opts({ prompter: p }), io);
    expect(out()).toMatch(/\? Expungement: needs a lawyer's look, because:/);
    expect(flat()).toMatch(/We need to know: how it ended/);
    expect(flat()).toMatch(/Where to look: the disposition on the court docket/);
  });

  test('Spanish: questions, choices and results', async () => {
    const p = new ScriptedPrompter({ ...cannabisArrest, lang: 'es', more_charges: 'No, eso', review: 'Sí' });
    const { io, out, err } = fakeIo();
    expect(await runScreen(opts({ prompter: p, langGiven: false }), io)).toBe(0);
    expect(p.notes.join('\n')).toMatch(/Ahora su historial/);
    expect(out()).toMatch(/Sus resultados/);
    expect(out()).toMatch(/Eliminación \(expungement\): puede aplicar ahora/);
    expect(out()).toMatch(/También: .*Necesitamos saber: /s);
    expect(out()).toMatch(/usted puede votar/);
    expect(err()).toBe('');
  });

  test('the review screen changes an answer and the planner asks what it opened up', async () => {
    const p = new ScriptedPrompter({
      ...cannabisArrest,
      review: ['Change: Case 1 · How it ended', 'Yes'],
      'charge.0.disposition': ['not_charged', 'convicted'],
      'charge.0.offense_date': '2017-03-01', 'charge.0.level': 'misdemeanor', 'charge.0.pardon_date': '?',
      'charge.0.sentence_type': 'fine', 'charge.0.sentence_completed': 'Yes', 'charge.0.sentence_completed_date': '2017-06-01',
      'charge.0.class': null, registered_sex_offender: 'No',
    }, { dontKnow: true });
    const { io, out } = fakeIo();
    await runScreen(opts({ prompter: p }), io);
    expect(p.notes.join('\n')).toMatch(/Case 1 · How it ended: Arrested, but never charged/);
    const afterChange = p.asked.slice(p.asked.indexOf('review') + 1);
    expect(afterChange).toContain('charge.0.sentence_completed_date'); // sealing waits from it; an arrest did not need it
    expect(afterChange).not.toContain('charge.0.category'); // answered before: not asked again
    expect(out()).toMatch(/motion to vacate and expunge/);
  });

  test('--save-answers writes the contract person; nothing is written otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-screen-'));
    const file = join(dir, 'me.json');
    const { io } = fakeIo();
    await runScreen(opts({ prompter: new ScriptedPrompter(cannabisArrest) }), io);
    expect(existsSync(file)).toBe(false);
    await runScreen(opts({ prompter: new ScriptedPrompter(cannabisArrest), saveAnswers: file }), io);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ state: 'IL', zip: '60614', record_complete: true });
    expect(saved.charges[0]).toEqual({ state: 'IL', category: 'cannabis_possession', disposition: 'not_charged' });
    // and it runs again without prompts
    const again = fakeIo();
    expect(await runScreen(opts({ answers: file, json: true }), again.io)).toBe(0);
    const rec = JSON.parse(again.out());
    expect(rec.charges[0].relief.expungement).toMatchObject({ status: 'eligible' });
  });

  test('--answers - reads YAML from stdin; unknown stays unknown', async () => {
    const yaml = 'state: IL\ncharges:\n  - category: cannabis_possession\n    disposition: dismissed\n    cannabis_grams: null\n';
    const { io, out } = fakeIo(Readable.from([yaml]));
    expect(await runScreen(opts({ answers: '-', json: true }), io)).toBe(0);
    const rec = JSON.parse(out());
    expect(rec.id).toBe('me');
    expect(rec.charges[0].rules.find((r: { rule: string }) => r.rule === 'IL.cannabis-automatic-expungement').status).toBe('needs_review');
  });

  test('no terminal and no --answers: exit 2 with a one-line hint', async () => {
    const { io, err } = fakeIo();
    const t0 = Date.now();
    expect(await run(['screen'], io)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(err().trim().split('\n')).toHaveLength(1);
    expect(err()).toMatch(/--answers FILE/);
  });

  test('Ctrl-C at a question: exit 130, a one-line goodbye, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-screen-'));
    const file = join(dir, 'me.json');
    const cancel = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
    const p = new ScriptedPrompter({ state: 'IL' });
    p.input = async () => {
      throw cancel;
    };
    const { io, err, out } = fakeIo();
    expect(await runScreen(opts({ prompter: p, saveAnswers: file }), io)).toBe(130);
    expect(err().trim()).toBe('Cancelled. Nothing was saved.');
    expect(out()).toBe('');
    expect(existsSync(file)).toBe(false);
  });
});

describe('the prompts themselves (@inquirer/testing)', () => {
  /** A prompter whose prompts are rendered by @inquirer/testing; `drive` plays the keys. */
  async function withRender(drive: (h: Awaited<ReturnType<typeof render>>) => Promise<void>) {
    const wrap = (prompt: typeof select | typeof input | typeof search) =>
      (async (config: never) => {
        const h = await render(prompt as never, config);
        await drive(h);
        return h.answer;
      }) as never;
    const impl: PromptImpl = { select: wrap(select), input: wrap(input), search: wrap(search) };
    const { io } = fakeIo();
    return inquirerPrompter(io, 'en', impl);
  }
  const ctx = { rules, asOf: AS_OF, lang: 'en' as const };
  const raw = { id: 'me', state: 'IL', zip: null, charges: [{ state: 'IL' }] };

  test('dates: a wrong date is refused on screen, a month is kept as a range', async () => {
    const screens: string[] = [];
    const p = await withRender(async (h) => {
      h.events.type('2/30/2015');
      h.events.keypress('enter');
      await h.nextRender();
      screens.push(h.getScreen());
      for (let i = 0; i < 9; i++) h.events.keypress('backspace');
      h.events.type('March 2015');
      h.events.keypress('enter');
    });
    const v = await askOne(p, { id: 'charge.0.arrest_date', target: 0, fact: 'arrest_date' }, raw, ctx);
    expect(screens[0]).toMatch(/When were you arrested\?/);
    expect(screens[0]).toMatch(/2015-02-30 is not a real day/);
    expect(v).toBe('2015-03');
  });

  test('category picker: search finds cannabis by "weed", and "not sure" is always offered', async () => {
    const screens: string[] = [];
    const p = await withRender(async (h) => {
      h.events.type('weed');
      await new Promise((r) => setTimeout(r, 50));
      screens.push(h.getScreen());
      h.events.keypress('enter');
    });
    const v = await askOne(p, { id: 'charge.0.category', target: 0, fact: 'category' }, raw, ctx);
    expect(screens[0]).toMatch(/Cannabis \(marijuana\): having it/);
    expect(screens[0]).toMatch(/I'm not sure/);
    expect(screens[0]).not.toMatch(/Theft/);
    expect(v).toBe('cannabis_possession');
  });

  test('yes / no / I don\'t know: "I don\'t know" is stored as null', async () => {
    const p = await withRender(async (h) => {
      expect(h.getScreen()).toMatch(/I don't know/);
      h.events.keypress('down');
      h.events.keypress('down');
      h.events.keypress('enter');
    });
    expect(await askOne(p, { id: 'charge.0.il_violent_crime_link', target: 0, fact: 'il_violent_crime_link' }, raw, ctx)).toBeNull();
  });

  test('cannabis amount in ounces is stored in grams', async () => {
    const p = await withRender(async (h) => {
      h.events.type('1.5 oz');
      h.events.keypress('enter');
    });
    expect(await askOne(p, { id: 'charge.0.cannabis_grams', target: 0, fact: 'cannabis_grams' }, raw, ctx)).toBe(42.53);
  });
});

void writeFileSync;

describe('two cases', () => {
  test("a case's heading comes again when its questions come back after the other case's", async () => {
    // the second case's kind is asked before the first case's remaining details (issue 22)
    const p = new ScriptedPrompter(
      {
        state: 'IL', zip: '', 'charge.0.state': 'IL', 'charge.0.category': 'theft', 'charge.0.disposition': 'convicted',
        'charge.0.sentence_completed': 'Yes', 'charge.0.level': 'misdemeanor', 'charge.0.sentence_completed_date': '2019-06-01',
        more_charges: ['Yes', 'No'], 'charge.1.state': 'IL', 'charge.1.category': 'trespass', 'charge.1.disposition': 'convicted',
        review: 'Yes',
      },
      { dontKnow: true },
    );
    const { io } = fakeIo();
    expect(await runScreen(opts({ prompter: p }), io)).toBe(0);
    // the first case's sentence type comes back after the second case's kind
    const c2 = p.asked.indexOf('charge.1.disposition');
    expect(p.asked.slice(c2 + 1).some((id) => id.startsWith('charge.0.'))).toBe(true);
    const headings = p.notes.filter((line) => /^— Case \d —$/.test(line));
    expect(headings.slice(0, 3)).toEqual(['— Case 1 —', '— Case 2 —', '— Case 1 —']);
  });
});

describe('"another case?" counts a case still open (issue 22: one question less)', () => {
  // A New York conviction: Clean Slate sealing reads whether a criminal case is open now.
  const ny = {
    zip: '10027', 'charge.0.state': 'NY', 'charge.0.category': 'cannabis_possession', 'charge.0.disposition': 'convicted',
    'charge.0.level': 'misdemeanor', 'charge.0.disposition_date': '2017-01-10', 'charge.0.sentence_completed': 'Yes',
    'charge.0.sentence_type': 'fine', 'charge.0.ny_youthful_offender': 'No', 'charge.0.offense_date': '2016-05-01', review: 'Yes',
  };

  test('"No, that is all" also says no case is open: the open-case question is not asked', async () => {
    const p = new ScriptedPrompter({ ...ny, more_charges: 'No' }, { dontKnow: true });
    const { io, out } = fakeIo();
    expect(await runScreen(opts({ prompter: p }), io)).toBe(0);
    expect(p.asked).toContain('more_charges');
    expect(p.asked).not.toContain('pending_charges');
    // the review shows it, where it can be changed
    expect(p.notes.join('\n')).toMatch(/An open criminal case now: No/);
    expect(out()).toMatch(/Sealing: may happen automatically/);
    expect(out()).toMatch(/No criminal charge is pending/);
  });

  test('"not sure" leaves it unknown, so it is asked', async () => {
    const p = new ScriptedPrompter({ ...ny, more_charges: 'unsure' }, { dontKnow: true });
    const { io } = fakeIo();
    expect(await runScreen(opts({ prompter: p }), io)).toBe(0);
    expect(p.asked).toContain('pending_charges');
  });

  test('"a case still open" counts against the rules that need none, and the question comes again without that choice', async () => {
    const p = new ScriptedPrompter({ ...ny, more_charges: ['open', 'open'] }, { dontKnow: true });
    const { io } = fakeIo();
    await expect(runScreen(opts({ prompter: p }), io)).rejects.toThrow(/not a choice of "more_charges": Yes, add another \| No, that is all \| I'm not sure/);

    const q = new ScriptedPrompter({ ...ny, more_charges: ['open', 'No'] }, { dontKnow: true });
    const f = fakeIo();
    expect(await runScreen(opts({ prompter: q }), f.io)).toBe(0);
    expect(q.asked.filter((a) => a === 'more_charges')).toHaveLength(2);
    expect(q.asked).not.toContain('pending_charges');
    expect(q.notes.join('\n')).toMatch(/An open criminal case now: Yes/);
    expect(f.flat()).not.toMatch(/Sealing: may happen automatically/);
    expect(f.flat()).toMatch(/Sealing: does not appear to apply, because: • automatic sealing \(Clean Slate Act\): No new criminal charge may be pending/);
  });
});
