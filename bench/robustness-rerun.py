#!/usr/bin/env python3
"""
Rerun every case of ../shared/research/robustness-test-2026-12.md (issue 25) against the built
binary, with small generated inputs (size limits scaled down through FAIRSHOT_MAX_LINE_BYTES, the
documented knob). Each case states what must hold now: the report's "held" behaviour, or the fix,
or a documented refusal. Prints one line per case and a count; exit 1 if any case fails.

  python3 bench/robustness-rerun.py [CASE_ID ...]

Needs root for the device, full-disk and other-user cases (they use mknod, a private tmpfs mount
namespace and runuser; the real /dev is never touched); without root those cases are skipped.
"""
import json, os, random, re, shutil, signal, stat, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, 'bin', 'fairshot.js')
NODE = shutil.which('node')
AS_OF = '2026-11-28'
O = ['--no-clinics', '--as-of', AS_OF]
T = tempfile.mkdtemp(prefix='fairshot-rerun-')
SMALL = {'FAIRSHOT_MAX_LINE_BYTES': '65536'}
IS_ROOT = os.geteuid() == 0
results = []


class R:
    def __init__(self, rc, out, err, secs):
        self.rc, self.out, self.err, self.secs = rc, out, err, secs

    def recs(self):
        return [json.loads(l) for l in self.out.splitlines() if l.strip().startswith('{')]


def run(args, stdin=None, env=None, timeout=60, shell_stdout=None, cwd=None):
    e = dict(os.environ, NO_COLOR='1')
    e.pop('FORCE_COLOR', None)
    e.update(env or {})
    t = time.time()
    try:
        p = subprocess.run([NODE, BIN, *args], input=stdin if isinstance(stdin, bytes) else (stdin or '').encode(),
                           stdout=shell_stdout if shell_stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE,
                           env=e, timeout=timeout, cwd=cwd or ROOT)
        out = p.stdout.decode('utf8', 'replace') if p.stdout is not None else ''
        return R(p.returncode, out, p.stderr.decode('utf8', 'replace'), time.time() - t)
    except subprocess.TimeoutExpired as x:
        return R(124, (x.stdout or b'').decode('utf8', 'replace'), (x.stderr or b'').decode('utf8', 'replace'), time.time() - t)


def clean(r):
    """No stack trace, no internal error, no V8 abort."""
    return not re.search(r'^\s+at .+:\d+:\d+\)?$|node:internal|FATAL ERROR|something went wrong|Maximum call stack', r.err, re.M) and r.rc not in (124, 134)


def f(name, data):
    p = os.path.join(T, name)
    with open(p, 'wb') as fh:
        fh.write(data if isinstance(data, bytes) else data.encode())
    return p


def case(cid, what):
    def deco(fn):
        fn.cid, fn.what = cid, what
        CASES.append(fn)
        return fn
    return deco


CASES = []
PERSON = {'id': 'p1', 'state': 'IL', 'charges': [{'offense': 'theft', 'category': 'theft', 'level': 'misdemeanor', 'disposition': 'dismissed', 'disposition_date': '2019-01-01'}]}
CHARGE_Y = '  charges:\n    - {offense: theft, category: theft, level: misdemeanor, disposition: dismissed, disposition_date: 2019-01-01}\n'
HDR = 'id,state,offense,category,level,disposition,disposition_date\n'
def crow(i, off='theft'):
    return f'{i},IL,{off},theft,misdemeanor,dismissed,2019-01-01\n'
def jl(**kw):
    p = json.loads(json.dumps(PERSON)); p.update(kw); return json.dumps(p) + '\n'
def ypers(i):
    return f'- id: {i}\n  state: IL\n' + CHARGE_Y


# ---------------------------------------------------------------- YAML
@case('Y1', 'billion laughs, 9x9 aliases')
def _():
    y = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + ''.join(
        f'{chr(98+i)}: &{chr(98+i)} [' + ','.join([f'*{chr(97+i)}'] * 9) + ']\n' for i in range(8))
    r = run(['check', f('y1.yaml', 'id: x\nstate: IL\n' + y + 'charges: []\n'), *O])
    return r.rc == 1 and clean(r)

@case('Y2', 'alias bomb, 96 aliases')
def _():
    y = 'id: x\nstate: IL\na0: &a0 [x, x]\n' + ''.join(f'a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]\n' for i in range(1, 13)) + 'charges: []\n'
    r = run(['check', f('y2.yaml', y), *O]); return r.rc == 1 and clean(r)

@case('Y3', 'charges list shared through an alias')
def _():
    y = '- id: a\n  state: IL\n  charges: &c\n    - {offense: theft, category: theft, level: misdemeanor, disposition: dismissed, disposition_date: 2019-01-01}\n- id: b\n  state: IL\n  charges: *c\n'
    r = run(['check', f('y3.yaml', y), *O, '--format', 'jsonl']); return r.rc == 0 and len(r.recs()) == 2

@case('Y4', '100k-level flow nesting')
def _():
    r = run(['check', f('y4.yaml', 'id: x\nstate: IL\ncharges: ' + '[' * 100000 + ']' * 100000 + '\n'), *O]); return r.rc == 1 and clean(r)

@case('Y5', '5k-level block nesting')
def _():
    y = 'id: x\nstate: IL\nextra:\n' + ''.join('  ' * (i + 1) + 'a:\n' for i in range(5000)) + 'charges: []\n'
    r = run(['check', f('y5.yaml', y), *O]); return r.rc in (0, 1) and clean(r)

@case('Y6', '100k-level flow maps')
def _():
    r = run(['check', f('y6.yaml', 'id: x\nstate: IL\nx: ' + '{a: ' * 100000 + '1' + '}' * 100000 + '\ncharges: []\n'), *O]); return r.rc in (0, 1) and clean(r)

@case('Y7', 'merge key << (YAML 1.2): ignored with a warning')
def _():
    r = run(['check', f('y7.yaml', 'base: &b {state: IL}\nid: x\n<<: *b\ncharges: []\n'), *O]); return r.rc == 1 and clean(r)

@case('Y8', 'merge key with %YAML 1.1')
def _():
    r = run(['check', f('y8.yaml', '%YAML 1.1\n---\n- &b {state: IL, id: base, charges: []}\n- <<: *b\n  id: x\n'), *O, '--format', 'jsonl'])
    return r.rc == 0 and [x['state'] for x in r.recs()] == ['IL', 'IL']

@case('Y9', '!!js/function id: a string, not run')
def _():
    r = run(['check', f('y9.yaml', 'id: !!js/function "function(){ require(\'fs\').writeFileSync(\'/tmp/pwned\',\'x\') }"\nstate: IL\ncharges: []\n'), *O])
    return clean(r) and not os.path.exists('/tmp/pwned')

@case('Y10', '!!python/object/apply')
def _():
    r = run(['check', f('y10.yaml', 'id: !!python/object/apply:os.system ["echo hi"]\nstate: IL\ncharges: []\n'), *O]); return clean(r)

@case('Y11', '!!js/undefined')
def _():
    r = run(['check', f('y11.yaml', 'id: x\nstate: !!js/undefined\ncharges: []\n'), *O]); return r.rc == 1 and clean(r)

@case('Y12', '!!binary, !!set, !!omap')
def _():
    r = run(['check', f('y12.yaml', '- id: !!binary aGVsbG8=\n  state: IL\n  charges: []\n- id: x\n  state: !!set {IL}\n  charges: []\n- id: y\n  state: IL\n  charges: !!omap [a: 1]\n'), *O]); return r.rc == 1 and clean(r)

@case('Y13', '!!timestamp dates')
def _():
    r = run(['check', f('y13.yaml', 'id: x\nstate: IL\ncharges:\n  - {offense: theft, category: theft, level: misdemeanor, disposition: dismissed, disposition_date: !!timestamp 2019-01-01}\n'), *O]); return r.rc == 0

@case('Y14', 'unknown local and global tags')
def _():
    r = run(['check', f('y14.yaml', 'id: !foo x\nstate: !<tag:example.com:x> IL\ncharges: []\n'), *O]); return r.rc in (0, 1) and clean(r)

@case('Y15', 'duplicate id key')
def _():
    r = run(['check', f('y15.yaml', 'id: a\nid: b\nstate: IL\ncharges: []\n'), *O]); return r.rc == 1 and clean(r)

@case('Y16', 'duplicate charges key')
def _():
    r = run(['check', f('y16.yaml', 'id: a\nstate: IL\ncharges: []\ncharges: []\n'), *O]); return r.rc == 1 and clean(r)

def big_yaml(name):
    return f(name, ''.join(ypers(f'p{i}') for i in range(70000)))  # ~11 MB

@case('Y17', '50 MB scalar (scaled: 11 MB): refused, YAML limit 10 MB')
def _():
    r = run(['batch', f('y17.yaml', 'id: x\nstate: IL\noffense: "' + 'a' * (11 << 20) + '"\ncharges: []\n'), *O])
    return r.rc == 1 and clean(r) and 'convert it to JSONL or CSV' in r.err

@case('Y18', '200k persons (scaled: 11 MB): refused with a clear message')
def _():
    r = run(['batch', big_yaml('y18.yaml'), *O]); return r.rc == 1 and clean(r) and 'YAML input over 10 MB' in r.err

@case('Y19', '600k persons: refused, no .tmp left')
def _():
    out = os.path.join(T, 'y19.out')
    r = run(['batch', os.path.join(T, 'y18.yaml'), *O, '--output', out]); return r.rc == 1 and clean(r) and not [x for x in os.listdir(T) if x.endswith('.tmp')]

@case('Y20', 'one person with many charges in YAML (20k charges)')
def _():
    y = 'id: x\nstate: IL\ncharges:\n' + '  - {offense: theft, category: theft, level: misdemeanor, disposition: dismissed, disposition_date: 2019-01-01}\n' * 20000
    r = run(['batch', f('y20.yaml', y), *O, '--format', 'csv'], timeout=120); return r.rc in (0, 1) and clean(r)

@case('Y21', '1 MB of random bytes')
def _():
    random.seed(7); r = run(['check', f('y21.yaml', bytes(random.getrandbits(8) for _ in range(1 << 20))), *O]); return r.rc == 1 and clean(r)

@case('Y22', 'NUL and 0xFF bytes')
def _():
    r = run(['check', f('y22.yaml', b'id: a\x00b\nstate: IL\xff\ncharges: []\n'), *O]); return r.rc == 1 and clean(r)

@case('Y23', 'UTF-16LE with BOM')
def _():
    r = run(['check', f('y23.yaml', ('\ufeffid: x\nstate: IL\ncharges: []\n').encode('utf-16-le')), *O]); return r.rc == 1 and clean(r)

@case('Y24', 'UTF-16BE')
def _():
    r = run(['check', f('y24.yaml', ('id: x\nstate: IL\ncharges: []\n').encode('utf-16-be')), *O]); return r.rc == 1 and clean(r)

@case('Y25', 'UTF-32')
def _():
    r = run(['check', f('y25.yaml', ('id: x\nstate: IL\ncharges: []\n').encode('utf-32')), *O]); return r.rc == 1 and clean(r)

@case('Y26', 'multi-document file with one bad document')
def _():
    doc = lambda i: f'id: {i}\nstate: IL\ncharges:\n  - {{offense: theft, category: theft, level: misdemeanor, disposition: dismissed, disposition_date: 2019-01-01}}\n'
    r = run(['check', f('y26.yaml', doc('a') + '---\nid: [\n---\n' + doc('c')), *O, '--format', 'jsonl'])
    return r.rc == 1 and clean(r) and [x['id'] for x in r.recs() if not x['errors']] == ['a', 'c']

@case('Y27', 'YAML ids: map, seq, number, bool, null, 1e400, .nan, 0x1F, 0o17, 007')
def _():
    ids = ['{a: 1}', '[1]', '42', 'true', 'null', '1e400', '.nan', '0x1F', '0o17', '007']
    r = run(['batch', f('y27.yaml', ''.join(f'- id: {i}\n  state: IL\n  charges: []\n' for i in ids)), *O])
    got = [x['id'] for x in r.recs()]
    return r.rc == 1 and clean(r) and '[object Object]' not in got and '7' not in got and '0x1F' in got and '007' in got

@case('Y28', '__proto__ on person and charge')
def _():
    r = run(['check', f('y28.yaml', '- id: a\n  state: IL\n  __proto__: {incarcerated: true}\n  charges:\n    - {__proto__: {disposition: convicted}, offense: theft, category: theft, level: misdemeanor, disposition: dismissed, disposition_date: 2019-01-01}\n' + ypers('b')), *O, '--format', 'jsonl'])
    return r.rc in (0, 1) and clean(r) and len(r.recs()) == 2

@case('Y29', 'constructor: {prototype: ...}')
def _():
    r = run(['check', f('y29.yaml', 'id: a\nstate: IL\nconstructor: {prototype: {x: 1}}\ncharges: []\n'), *O]); return r.rc in (0, 1) and clean(r)

@case('Y30', 'scalar, null, empty and comments-only documents')
def _():
    r = run(['check', f('y30.yaml', 'hello\n---\n~\n---\n# c\n---\n'), *O]); return r.rc == 1 and clean(r)

@case('Y31', '1990-02-29 birth date, unquoted as_of')
def _():
    r = run(['check', f('y31.yaml', 'id: a\nstate: IL\nbirth_date: 1990-02-29\nas_of: 2026-11-28\ncharges: []\n'), *O]); return r.rc == 1 and clean(r)

@case('Y32', '1 MB scalar aliased 99 times')
def _():
    y = 'id: a\nstate: IL\nx0: &s "' + 'a' * (1 << 20) + '"\n' + ''.join(f'x{i}: *s\n' for i in range(1, 100)) + 'charges: []\n'
    r = run(['check', f('y32.yaml', y), *O]); return r.rc in (0, 1) and clean(r)

@case('Y33', 'input is a folder')
def _():
    d = os.path.join(T, 'adir.csv'); os.makedirs(d, exist_ok=True)
    a = run(['check', d, *O]); b = run(['batch', d, *O]); return a.rc == 1 and b.rc == 1 and 'folder' in a.err + b.err and clean(a) and clean(b)

def fifo_with_writer(name, data):
    p = os.path.join(T, name)
    if os.path.exists(p): os.unlink(p)
    os.mkfifo(p)
    w = subprocess.Popen(['sh', '-c', f'sleep 0.3; cat > "{p}"'], stdin=subprocess.PIPE)
    w.stdin.write(data.encode()); w.stdin.close()
    return p, w

@case('Y34', 'FIFO with a writer (jsonl, yaml; check and batch)')
def _():
    ok = True
    for cmd in ('check', 'batch'):
        for ext, data in (('jsonl', jl()), ('yaml', ypers('p1'))):
            p, w = fifo_with_writer(f'y34.{ext}', data)
            r = run([cmd, p, *O]); w.wait()
            ok &= r.rc == 0
    return ok

@case('Y35', 'FIFO without a writer: blocks, like cat (documented behaviour of a FIFO)')
def _():
    p = os.path.join(T, 'y35.jsonl'); os.mkfifo(p)
    r = run(['check', p, *O], timeout=3); return r.rc == 124

def zero_link(name):
    p = os.path.join(T, name)
    if not os.path.lexists(p): os.symlink('/dev/zero', p)
    return p

@case('Y36', '/dev/zero without an extension')
def _():
    r = run(['check', '/dev/zero', *O]); return r.rc == 2 and clean(r)

@case('Y37', '/dev/zero named .json or .yaml')
def _():
    a = run(['check', zero_link('z.json'), *O], timeout=60); b = run(['check', zero_link('z.yaml'), *O], timeout=60)
    return a.rc == 1 and b.rc == 1 and clean(a) and clean(b)

@case('Y38', '/dev/zero named .jsonl (check and batch)')
def _():
    a = run(['check', zero_link('z.jsonl'), *O], env=SMALL); b = run(['batch', zero_link('z.jsonl'), *O], env=SMALL)
    return a.rc == 1 and b.rc == 1 and clean(a) and clean(b)

@case('Y39', '/dev/zero named .csv (check and batch)')
def _():
    a = run(['check', zero_link('z.csv'), *O], env=SMALL); b = run(['batch', zero_link('z.csv'), *O], env=SMALL)
    return a.rc == 1 and b.rc == 1 and clean(a) and clean(b)

# ---------------------------------------------------------------- JSON / JSONL
@case('J1', '100k nested arrays as charges (jsonl, json)')
def _():
    s = '{"id":"a","state":"IL","charges":' + '[' * 100000 + ']' * 100000 + '}\n'
    a = run(['batch', f('j1.jsonl', s), *O]); b = run(['batch', f('j1.json', s), *O]); return a.rc == 1 and b.rc == 1 and clean(a) and clean(b)

@case('J2', '1M nested objects in an unknown field')
def _():
    r = run(['batch', f('j2.jsonl', '{"id":"a","state":"IL","x":' + '{"a":' * 1000000 + '1' + '}' * 1000000 + ',"charges":[]}\n'), *O]); return r.rc in (0, 1) and clean(r)

@case('J3', '10k-digit numbers (grams and id): ids are errors, not "Infinity"')
def _():
    big = '9' * 10000
    r = run(['batch', f('j3.jsonl', f'{{"id":{big},"state":"IL","charges":[]}}\n{{"id":{big}1,"state":"IL","charges":[]}}\n' + jl(id='g', charges=[{'cannabis_grams': 0}]).replace('"cannabis_grams": 0', f'"cannabis_grams": {big}')), *O])
    ids = [x['id'] for x in r.recs()]
    return r.rc == 1 and clean(r) and 'Infinity' not in ids and len(ids) == 3

@case('J4', 'ids above 2^53')
def _():
    r = run(['batch', f('j4.jsonl', '{"id":12345678901234567890,"state":"IL","charges":[]}\n{"id":12345678901234567891,"state":"IL","charges":[]}\n'), *O])
    return r.rc == 1 and all(x['id'] is None and x['errors'] for x in r.recs())

@case('J5', 'NaN and Infinity, as literals and strings')
def _():
    r = run(['batch', f('j5.jsonl', '{"id":"a","state":"IL","charges":[{"cannabis_grams":NaN}]}\n' + jl(id='b', charges=[{'cannabis_grams': 'Infinity'}])), *O]); return r.rc == 1 and clean(r)

@case('J6', '__proto__, constructor, toString keys')
def _():
    r = run(['batch', f('j6.jsonl', '{"id":"a","state":"IL","__proto__":{"incarcerated":true},"constructor":{"prototype":{"x":1}},"toString":1,"charges":[]}\n' + jl(id='after')), *O, '--format', 'jsonl'])
    after = [x for x in r.recs() if x['id'] == 'after']
    return clean(r) and after and not after[0]['errors']

@case('J7', '__proto__ in a JSON array')
def _():
    r = run(['batch', f('j7.json', '[{"__proto__":{"state":"CA"}, "id":"a","state":"IL","charges":[]}]'), *O]); return clean(r)

@case('J8', 'id only through __proto__')
def _():
    r = run(['batch', f('j8.jsonl', '{"__proto__":{"id":"x"},"state":"IL","charges":[]}\n'), *O]); return r.rc == 1 and clean(r) and 'id' in r.err

@case('J9', 'odd ids (object, list, "", NUL, ESC, newline, formula...)')
def _():
    ids = [{'a': 1}, {'b': 2}, [1], '', ' ', None, 'x' * (1 << 20), '\n', '\t', '\x00', '\x1b[2J', '=1+1', '\u202e', 'a,b', '"q"']
    r = run(['batch', f('j9.jsonl', ''.join(jl(id=i) for i in ids)), *O, '--format', 'jsonl'])
    got = [x['id'] for x in r.recs()]
    return r.rc == 1 and clean(r) and '[object Object]' not in got and len(got) == len(ids) and '\x1b' not in r.err

@case('J10', 'charges as an object, a string, mixed items')
def _():
    r = run(['batch', f('j10.jsonl', jl(charges={'a': 1}) + jl(id='b', charges='x') + jl(id='c', charges=[1, 'x', None])), *O]); return r.rc == 1 and clean(r)

@case('J11', '10k and 30k charges for one person')
def _():
    p = json.loads(jl()); p['charges'] = p['charges'] * 30000
    r = run(['batch', f('j11.jsonl', json.dumps(p) + '\n'), *O, '--format', 'csv'], timeout=120); return r.rc == 0 and clean(r)

@case('J12', 'many charges on a line over the limit (limit 64 KB)')
def _():
    p = json.loads(jl()); p['charges'] = p['charges'] * 2000
    r = run(['batch', f('j12.jsonl', json.dumps(p) + '\n' + jl(id='after')), *O], env=SMALL)
    return r.rc == 1 and clean(r) and 'MB long' in r.out and any(x['id'] == 'after' and not x['errors'] for x in r.recs())

@case('J13', '90k charges on a 7.9 MB line, csv output, worker run (rescued)')
def _():
    p = json.loads(jl()); p['charges'] = p['charges'] * 90000
    src = f('j13.jsonl', json.dumps(p) + '\n')
    a = run(['batch', src, *O, '--format', 'csv', '--jobs', '1'], timeout=300); b = run(['batch', src, *O, '--format', 'csv', '--jobs', '0'], timeout=300)
    return clean(a) and a.rc == b.rc and a.out == b.out

@case('J14', 'the same with jsonl or json output: that person gets an error record, never a failed run')
def _():
    src = os.path.join(T, 'j13.jsonl')
    ok = True
    for args in (['batch', '--format', 'jsonl', '--jobs', '0'], ['batch', '--format', 'json', '--jobs', '1'], ['check', '--format', 'jsonl']):
        r = run([args[0], src, *O, *args[1:]], timeout=300)
        if not (clean(r) and 'Invalid string length' not in r.err and r.out.strip() != ''): return False
        if r.rc != 1: print(f'   J14: {args}: exit {r.rc}, though the person got an error record ("too large to write as JSON")'); ok = False
    return ok

@case('J15', 'NUL bytes (escaped and raw)')
def _():
    r = run(['batch', f('j15.jsonl', b'{"id":"a\\u0000b","state":"IL","charges":[]}\n{"id":"c\x00","state":"IL","charges":[]}\n'), *O]); return r.rc == 1 and clean(r)

@case('J16', 'invalid UTF-8 (ids and other fields): errors, never merged')
def _():
    r = run(['batch', f('j16.jsonl', b'{"id":"\xff","state":"IL","charges":[]}\n{"id":"\xfe","state":"IL","charges":[]}\n{"id":"o","state":"IL","charges":[{"offense":"x\xe9"}]}\n'), *O])
    return r.rc == 1 and clean(r) and all(x['errors'] and 'UTF-8' in x['errors'][0]['message'] for x in r.recs()) and len(r.recs()) == 3

@case('J17', 'lone surrogates')
def _():
    r = run(['batch', f('j17.jsonl', '{"id":"\\ud800","state":"IL","charges":[]}\n'), *O]); return r.rc in (0, 1) and clean(r)

@case('J18', 'BOM at the start and in the middle')
def _():
    a = run(['batch', f('j18a.jsonl', '\ufeff' + jl()), *O]); b = run(['batch', f('j18b.jsonl', jl() + '\ufeff' + jl(id='b')), *O]); return a.rc == 0 and b.rc == 1 and clean(b)

@case('J19', 'CR-only line ends')
def _():
    r = run(['batch', f('j19.jsonl', jl().rstrip('\n') + '\r' + jl(id='b').rstrip('\n') + '\r'), *O]); return r.rc == 0 and len(r.recs()) == 2

@case('J20', 'CR as whitespace inside an object: one record')
def _():
    r = run(['batch', f('j20.jsonl', '{"id":"a",\r"state":"IL",\r"charges":[]}\n'), *O, '--format', 'jsonl']); return len(r.recs()) == 1 and clean(r)

@case('J21', 'U+2028 in an id')
def _():
    r = run(['batch', f('j21.jsonl', jl(id='a\u2028b')), *O]); return r.rc == 0

@case('J22', 'duplicate JSON keys: the last value wins')
def _():
    r = run(['batch', f('j22.jsonl', '{"id":"a","id":"b","state":"IL","charges":[]}\n'), *O, '--format', 'jsonl']); return [x['id'] for x in r.recs()] == ['b']

@case('J23', 'type confusion: refused, naming the field')
def _():
    r = run(['batch', f('j23.jsonl', jl(state=['IL']) + jl(id='b', zip=['60614']) + jl(id='c', charges=[{'cannabis_grams': '0x1e'}])), *O])
    return r.rc == 1 and all(x['errors'] for x in r.recs())

@case('J24', 'JSON array of 20k persons (scaled from 600k)')
def _():
    r = run(['batch', f('j24.json', '[' + ','.join(json.dumps(dict(PERSON, id=f'p{i}')) for i in range(20000)) + ']'), *O, '--format', 'csv'], timeout=120); return r.rc == 0

@case('J25', 'check on 20k persons (scaled from 400k)')
def _():
    r = run(['check', f('j25.jsonl', ''.join(json.dumps(dict(PERSON, id=f'p{i}')) + '\n' for i in range(20000))), *O, '--format', 'jsonl'], timeout=180); return r.rc == 0 and len(r.recs()) == 20000

@case('J26', 'a line over the limit: check and batch agree')
def _():
    src = f('j26.jsonl', '{"id":"a","state":"IL","x":"' + 'a' * 200000 + '","charges":[]}\n')
    a = run(['check', src, *O], env=SMALL); b = run(['batch', src, *O], env=SMALL); return a.rc == 1 == b.rc and 'MB long' in a.out and 'MB long' in b.out

@case('J27', 'ESC sequences and newlines in id, offense and field names: escaped')
def _():
    src = f('j27.jsonl', json.dumps({'id': 'x\x1b]0;T\x07\nerror: row 99, person FORGED', 'state': 'IL', 'f\x1b[2Jx': 1, 'charges': [{'offense': '\x1b[8mhidden', 'category': 'nope'}]}) + '\n')
    a = run(['check', src, *O, '--format', 'table']); b = run(['batch', src, *O])
    return '\x1b' not in a.out + a.err + b.err and not re.search(r'^error: row 99, person FORGED', b.err, re.M)

@case('J28', '1 MB offense, class, statute and detail texts against the shipped patterns')
def _():
    big = 'a' * (1 << 20)
    r = run(['batch', f('j28.jsonl', jl(charges=[{'offense': big, 'class': big, 'statute': big, 'disposition_detail': big, 'category': 'theft', 'level': 'misdemeanor', 'disposition': 'convicted', 'disposition_date': '2019-01-01'}])), *O], timeout=60)
    return r.rc == 0 and r.secs < 20

@case('J29', 'bare CR plus a line over the limit: the overlong message is kept')
def _():
    r = run(['batch', f('j29.jsonl', jl().rstrip('\n') + '\r' + '{"id":"b","x":"' + 'a' * 200000 + '"}\n'), *O], env=SMALL); return r.rc == 1 and 'MB long' in r.out

# ---------------------------------------------------------------- CSV
@case('C1', 'unbalanced quote on the last row: id kept')
def _():
    r = run(['batch', f('c1.csv', HDR + crow('p1') + crow('p2') + 'p3,IL,"theft,theft,misdemeanor,dismissed,2019-01-01\n'), *O])
    return r.rc == 1 and 'p3' in [x['id'] for x in r.recs()]

@case('C2', 'a stray quote mid-file among 1000 persons: every person comes out')
def _():
    rows = [crow(f'p{i}') for i in range(1000)]; rows[2] = 'p2,IL,th"eft,theft,misdemeanor,dismissed,2019-01-01\n'
    r = run(['batch', f('c2.csv', HDR + ''.join(rows)), *O]); return r.rc == 1 and len(r.recs()) == 1000

@case('C3', 'quote inside an unquoted field: that row, with its id')
def _():
    r = run(['batch', f('c3.csv', HDR + 'p1,IL,ab"c,theft,misdemeanor,dismissed,2019-01-01\n' + crow('p2')), *O]); return r.rc == 1 and [x['id'] for x in r.recs()] == ['p1', 'p2']

@case('C4', 'a field over the limit on one line: error for that person only')
def _():
    r = run(['batch', f('c4.csv', HDR + crow('p1', 'a' * 200000) + crow('p2')), *O], env=SMALL)
    rs = r.recs(); return r.rc == 1 and rs[0]['errors'] and not rs[1]['errors']

@case('C5', 'a field over the limit split into short lines: error, not altered data')
def _():
    r = run(['batch', f('c5.csv', HDR + 'p1,IL,"' + ('a' * 1000 + '\n') * 200 + '",theft,misdemeanor,dismissed,2019-01-01\n' + crow('p2')), *O], env=SMALL)
    rs = r.recs(); return r.rc == 1 and rs[0]['errors'] and not rs[1]['errors']

@case('C6', 'a person far over the limit in one multi-line field: error, no crash (worker run)')
def _():
    r = run(['batch', f('c6.csv', HDR + 'p1,IL,"' + ('a' * 4000 + '\n') * 500 + '",theft,misdemeanor,dismissed,2019-01-01\n' + crow('p2')), *O, '--jobs', '1'], env=SMALL)
    return r.rc == 1 and clean(r) and len(r.recs()) == 2

@case('C7', 'one person of 20 rows each under the line limit, together over the person limit')
def _():
    r = run(['batch', f('c7.csv', HDR + ''.join(crow('p1', 'a' * 8000) for _ in range(20)) + crow('p2')), *O, '--jobs', '1'], env={'FAIRSHOT_MAX_LINE_BYTES': '65536'})
    rs = r.recs(); return r.rc == 1 and clean(r) and 'a person may take' in json.dumps(rs[0]) and not rs[1]['errors']

@case('C8', 'a line over the limit inside a quoted field')
def _():
    r = run(['batch', f('c8.csv', HDR + 'p1,IL,"start\n' + 'x,' * 40000 + '\nend",theft,misdemeanor,dismissed,2019-01-01\n' + crow('p2')), *O], env=SMALL)
    rs = r.recs(); return r.rc == 1 and rs[0]['errors'] and not rs[1]['errors']

@case('C9', 'the closing quote on a line over the limit: nobody after it is lost')
def _():
    r = run(['batch', f('c9.csv', HDR + crow('p1') + 'p3,IL,"a\nb' + 'x' * 100000 + '",theft,misdemeanor,dismissed,2019-01-01\n' + ''.join(crow(f'q{i}') for i in range(100))), *O], env=SMALL)
    return r.rc == 1 and len(r.recs()) == 102

@case('C10', 'a header over the limit: the file fails, clearly')
def _():
    r = run(['batch', f('c10.csv', 'id,state,' + 'h' * 100000 + '\n' + crow('p1')), *O], env=SMALL); return r.rc == 1 and 'header' in r.err and clean(r)

@case('C11', 'two id columns plus an overlong row: the later id, nobody vanishes')
def _():
    r = run(['batch', f('c11.csv', 'id,id,state,offense\na,x,IL,ok\nb,y,IL,' + 'q' * 100000 + '\n'), *O], env=SMALL)
    return [x['id'] for x in r.recs()] == ['x', 'y'] and 'more than once' in r.err

@case('C12', 'overlong row of a person with other rows (documented)')
def _():
    r = run(['batch', f('c12.csv', HDR + crow('p1') + crow('p1', 'a' * 100000) + crow('p2')), *O], env=SMALL)
    rs = r.recs(); return r.rc == 1 and [x['id'] for x in rs] == ['p1', 'p2'] and rs[0]['errors']

@case('C13', '10k columns')
def _():
    r = run(['batch', f('c13.csv', 'id,state,' + ','.join(f'c{i}' for i in range(10000)) + '\np1,IL\n'), *O]); return r.rc in (0, 1) and clean(r)

@case('C14', '20k unknown columns: a few warnings, not one per column')
def _():
    r = run(['batch', f('c14.csv', 'id,state,' + ','.join(f'c{i}' for i in range(20000)) + '\np1,IL,' + ','.join('1' for _ in range(20000)) + '\n'), *O])
    return len([l for l in r.err.splitlines() if l.startswith('warning:')]) <= 21

@case('C15', 'formula payloads in every field: no unescaped formula cell in CSV output (batch, check)')
def _():
    pays = ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '\uff1d1', ' =1', '=HYPERLINK("http://x")', '=cmd|\' /C calc\'!A0']
    rows = ''.join(f'"{p}",IL,"{p}",theft,misdemeanor,dismissed,2019-01-01\n'.replace('"\t', '"\t') for p in pays)
    src = f('c15.csv', HDR + rows)
    ok = True
    import csv, io
    for cmd in ('batch', 'check'):
        r = run([cmd, src, *O, '--format', 'csv'])
        for row in csv.reader(io.StringIO(r.out)):
            for cell in row:
                if cell[:1] in ('=', '+', '@', '\t', '\r') or (cell[:1] == '-' and not re.match(r'^-?\d', cell)):
                    ok = False
    return ok

@case('C16', 'header only, header without newline, empty file, BOM only')
def _():
    return all(run(['batch', f(f'c16{i}.csv', s), *O]).rc == 1 for i, s in enumerate([HDR, HDR.rstrip('\n'), '', '\ufeff']))

@case('C17', 'duplicate id header: the later wins, as documented (with a warning)')
def _():
    r = run(['batch', f('c17.csv', 'id,state,id\na,IL,b\n'), *O, '--format', 'jsonl']); return [x['id'] for x in r.recs()] == ['b'] and 'more than once' in r.err

@case('C18', 'duplicate state header: the later wins, as documented (with a warning)')
def _():
    r = run(['batch', f('c18.csv', 'id,state,offense,state\np1,CA,theft,IL\n'), *O, '--format', 'jsonl'])
    return r.rc == 0 and r.recs()[0]['state'] == 'IL' and 'more than once' in r.err

@case('C19', 'duplicate category header')
def _():
    r = run(['batch', f('c19.csv', 'id,state,category,offense,category\np1,IL,dui,x,theft\n'), *O]); return r.rc == 0

@case('C20', 'spaces around names; empty header names')
def _():
    r = run(['batch', f('c20.csv', ' ID , State ,,offense\np1,IL,zz,theft\n'), *O]); return r.rc == 0

@case('C21', 'headers __proto__, constructor, toString')
def _():
    r = run(['batch', f('c21.csv', 'id,state,__proto__,constructor,toString\np1,IL,a,b,c\np2,IL,,,\n'), *O]); return clean(r) and len(r.recs()) == 2

@case('C22', 'BOM mid-row, in a header cell, doubled')
def _():
    r = run(['batch', f('c22.csv', '\ufeff\ufeffid,\ufeffstate\np1,\ufeffIL\n'), *O]); return r.rc == 0

@case('C23', 'CR-only and CRLF line ends')
def _():
    a = run(['batch', f('c23a.csv', (HDR + crow('p1') + crow('p2')).replace('\n', '\r\n')), *O]); b = run(['batch', f('c23b.csv', (HDR + crow('p1') + crow('p2')).replace('\n', '\r')), *O])
    return a.rc == 0 and b.rc == 0 and len(b.recs()) == 2

@case('C24', 'unsorted rows, rows without an id, conflicting person fields')
def _():
    a = run(['batch', f('c24a.csv', HDR + crow('p1') + crow('p2') + crow('p1')), *O]); b = run(['batch', f('c24b.csv', HDR + crow('') + 'p1,IL\np1,CA\n'), *O])
    return a.rc == 0 and len(a.recs()) == 2 and b.rc == 1

@case('C25', 'NUL in id and offense')
def _():
    r = run(['batch', f('c25.csv', HDR + crow('p\x001', 'th\x00eft')), *O]); return r.rc in (0, 1) and clean(r)

@case('C26', 'Latin-1 ids: errors, never merged')
def _():
    r = run(['batch', f('c26.csv', (HDR + crow('JOSÉ-1') + crow('JOSÍ-1')).encode('latin1')), *O]); rs = r.recs()
    return r.rc == 1 and len(rs) == 2 and all(x['errors'] for x in rs)

@case('C27', 'UTF-16 CSV: batch and check agree')
def _():
    src = f('c27.csv', ('\ufeff' + HDR + crow('p1')).encode('utf-16-le'))
    a = run(['batch', src, *O, '--format', 'jsonl']); b = run(['check', src, *O, '--format', 'jsonl']); return a.rc == 0 == b.rc and a.out == b.out

@case('C28', '100k rows, 30k persons, unsorted (scaled from 1M)')
def _():
    random.seed(7); ids = [f'p{random.randrange(30000)}' for _ in range(100000)]
    r = run(['batch', f('c28.csv', HDR + ''.join(crow(i) for i in ids)), *O, '--format', 'csv'], timeout=300)
    return r.rc == 0 and r.out.count('\n') > 0 and f'{len(set(ids))} persons' in r.err.replace(',', '')

@case('C29', 'invalid date in a multi-line record: its first line is named')
def _():
    r = run(['batch', f('c29.csv', HDR + 'p1,IL,"a\nb\nc",theft,misdemeanor,dismissed,2023-02-30\n'), *O]); return r.rc == 1 and r.recs()[0]['errors'][0]['row'] == 2

# ---------------------------------------------------------------- dates
def dated(**c):
    ch = dict(PERSON['charges'][0]); ch.update(c); return jl(charges=[ch])

@case('D1', '0000-01-01 and 0001-01-01')
def _():
    r = run(['batch', f('d1.jsonl', dated(disposition_date='0000-01-01') + dated(disposition_date='0001-01-01').replace('"p1"', '"p2"')), *O]); return r.rc in (0, 1) and clean(r)

@case('D2', '9999-12-31 with the default as_of')
def _():
    r = run(['batch', f('d2.jsonl', dated(disposition_date='9999-12-31')), '--no-clinics']); return r.rc == 1 and 'after' in r.out

@case('D3', 'as_of 9999-12-31: refused (screening dates past 2999)')
def _():
    r = run(['batch', f('d3.jsonl', dated()), '--no-clinics', '--as-of', '9999-12-31']); return r.rc in (1, 2) and clean(r)

@case('D4', '2024-02-29 plus 2 or 3 years')
def _():
    r = run(['batch', f('d4.jsonl', dated(disposition='convicted', disposition_date='2024-02-29', sentence_completed_date='2024-02-29')), *O]); return r.rc in (0, 1) and clean(r)

@case('D5', '2023-02-29 and 1900-02-29 rejected; 2000-02-29 accepted')
def _():
    r = run(['batch', f('d5.jsonl', dated(disposition_date='2023-02-29') + dated(disposition_date='1900-02-29').replace('"p1"', '"p2"') + dated(disposition_date='2000-02-29').replace('"p1"', '"p3"')), *O, '--format', 'jsonl'])
    e = [bool(x['errors']) for x in r.recs()]; return e == [True, True, False]

@case('D6', 'as_of before the birth date')
def _():
    r = run(['batch', f('d6.jsonl', jl(birth_date='2030-01-01')), *O]); return r.rc == 1

@case('D7', 'birth date after the offense: refused')
def _():
    r = run(['batch', f('d7.jsonl', jl(birth_date='2010-01-01', charges=[dict(PERSON['charges'][0], offense_date='2005-01-01')])), *O]); return r.rc == 1

@case('D8', '1900s dates')
def _():
    r = run(['batch', f('d8.jsonl', dated(disposition_date='1901-05-05')), *O]); return r.rc == 0

@case('D9', 'age -3 and age 1e308')
def _():
    r = run(['batch', f('d9.jsonl', dated(age_at_offense=-3) + dated(age_at_offense=1e308).replace('"p1"', '"p2"')), *O]); return r.rc == 1 and r.recs()[0]['errors'] and clean(r)  # as the report: -3 refused; 1e308 is read (not checked)

@case('D10', '11 odd date spellings: refused')
def _():
    odd = ['2019-1-1', '2019-01-01T00:00', '2019-01-01+00', '２０１９-01-01', '٢٠١٩-01-01', '2019-13-01', '2019-00-10', '2019-04-31', ' 2019-01-01 x', '2019-01-01\n1', '19-01-01']
    r = run(['batch', f('d10.jsonl', ''.join(dated(disposition_date=d).replace('"p1"', f'"p{i}"') for i, d in enumerate(odd))), *O, '--format', 'jsonl'])
    return r.rc == 1 and all(x['errors'] for x in r.recs())

@case('D11', 'as_of 2026-02-30, 0000-01-01, 2099')
def _():
    rcs = [run(['batch', f('d11.jsonl', jl(as_of=a)), '--no-clinics']).rc for a in ('2026-02-30', '0000-01-01', '2099-01-01')]
    return rcs[0] == 1 and all(r in (0, 1) for r in rcs)  # as the report: the impossible date refused, the others screened

@case('D12', 'future prior_relief; sentence completed before the disposition: refused')
def _():
    a = run(['batch', f('d12a.jsonl', jl(prior_relief=[{'kind': 'expungement', 'date': '2030-01-01'}])), *O])
    b = run(['batch', f('d12b.jsonl', dated(disposition='convicted', sentence_completed_date='2010-01-01')), *O]); return a.rc == 1 and b.rc == 1

# ---------------------------------------------------------------- rule folders
def rules_variant(name, edits=(), after=None):
    d = os.path.join(T, 'rules-' + name)
    if os.path.exists(d): shutil.rmtree(d)
    shutil.copytree(os.path.join(ROOT, 'rules'), d)
    for rel, old, new in edits:
        p = os.path.join(d, rel); s = open(p).read()
        assert old in s, (name, old)
        open(p, 'w').write(s.replace(old, new, 1))
    if after: after(d)
    return d

IL_J = os.path.join('IL', 'jurisdiction.yaml')
INFER = '- {matches: ".", value: false}'
EX = os.path.join(ROOT, 'examples', 'il-cannabis.json')
def validate(d): return run(['rules', 'validate', '--rules', d], timeout=60)

@case('R1', 'copy of rules/ validates')
def _(): return validate(rules_variant('r1')).rc == 0

@case('R2', 'condition on an unknown fact: did you mean')
def _():
    r = validate(rules_variant('r2', [(IL_J, '{fact: disposition, eq: convicted}', '{fact: dispositon, eq: convicted}')])); return r.rc == 1 and 'did you mean' in r.out + r.err

@case('R3', 'unknown list')
def _():
    d = rules_variant('r3', after=lambda d: open(os.path.join(d, 'IL', 'zz.yaml'), 'w').write('rules:\n  - id: IL.zz\n    kind: sealing\n    name: zz\n    citation: x\n    when: {in_list: no_such_list}\n'))
    r = validate(d); return r.rc == 1 and clean(r)

def redos(pattern):
    return rules_variant('redos', [(IL_J, INFER, '- {matches: "%s", value: false}' % pattern)])

@case('R4', 'matches "^(a+)+$": rejected by validate, no run starts')
def _():
    d = redos('^(a+)+$'); v = validate(d); c = run(['check', EX, '--rules', d, '--no-clinics'], timeout=30)
    return v.rc == 1 and 'catastrophic' in v.out + v.err and c.rc == 1

@case('R5', 'matches "^(\\w+\\s?)*$": rejected')
def _():
    v = validate(redos('^(\\\\w+\\\\s?)*$')); return v.rc == 1 and 'catastrophic' in v.out + v.err

@case('R6', '"(x+x+)+y": rejected')
def _():
    v = validate(redos('(x+x+)+y')); return v.rc == 1 and 'catastrophic' in v.out + v.err

@case('R7', 'infer with "^(a|aa)+$": rejected (validate and runs)')
def _():
    d = redos('^(a|aa)+$'); v = validate(d); return v.rc == 1 and 'catastrophic' in v.out + v.err

def period(name, p):
    return rules_variant(name, [(os.path.join('IL', 'sealing.yaml'), 'period: 3 years', f'period: {p}')])

@case('R8', 'wait of 100000 years: schema')
def _():
    return validate(period('r8', '100000 years')).rc == 1

@case('R9', 'wait of -5 years')
def _():
    return validate(period('r9', '-5 years')).rc == 1

@case('R10', 'wait of 999 years: with as_of past 2999 refused; otherwise eligible_on correct')
def _():
    d = period('r10', '999 years'); v = validate(d)
    r = run(['check', EX, '--rules', d, '--no-clinics', '--as-of', '9999-12-31'])
    return r.rc in (1, 2) and clean(r)

@case('R11', 'wait of 0 days')
def _():
    r = validate(period('r11', '0 days')); return r.rc == 0

@case('R12', 'effective range inverted')
def _():
    d = rules_variant('r12'); p = os.path.join(d, 'IL', 'sealing.yaml'); s = open(p).read(); m = re.search(r'effective: \{from: ([0-9-]+)', s)
    if not m: return None
    open(p, 'w').write(s.replace(m.group(0), m.group(0)[:-10] + '2020-01-01, to: 2019-01-01', 1) if False else s.replace(m.group(0), 'effective: {from: 2020-01-01, to: 2019-01-01', 1).replace('to: 2019-01-01, to:', 'to: 2019-01-01, enacted_by_x:'))
    return validate(d).rc == 1

@case('R13', 'effective date 2023-02-30')
def _():
    d = rules_variant('r13'); p = os.path.join(d, 'IL', 'sealing.yaml'); s = open(p).read(); m = re.search(r'effective: \{from: ([0-9-]+)', s)
    if not m: return None
    open(p, 'w').write(s.replace(m.group(1), '2023-02-30', 1)); return validate(d).rc == 1

@case('R14', 'effective from 9999-12-31')
def _():
    d = rules_variant('r14'); p = os.path.join(d, 'IL', 'sealing.yaml'); s = open(p).read(); m = re.search(r'effective: \{from: ([0-9-]+)', s)
    if not m: return None
    open(p, 'w').write(s.replace(m.group(1), '9999-12-31', 1)); r = validate(d); return clean(r)

@case('R15', 'a condition that aliases itself: an error at the alias')
def _():
    d = rules_variant('r15', [(IL_J, '      where:\n        all:\n          - {fact: disposition, eq: convicted}\n', '      where: &c\n        all:\n          - {fact: disposition, eq: convicted}\n          - *c\n')])
    v = validate(d); c = run(['check', EX, '--rules', d, '--no-clinics'])
    return v.rc == 1 and 'refers to a node that contains it' in v.out + v.err and clean(v) and c.rc == 1 and clean(c)

@case('R16', 'cyclic alias at top level')
def _():
    d = rules_variant('r16', after=lambda d: open(os.path.join(d, 'IL', 'zz.yaml'), 'w').write('&a [*a]\n')); r = validate(d); return r.rc == 1 and clean(r)

@case('R17', 'cyclic infer (a<->b): rejected by validate; runs say so')
def _():
    loop = lambda a, b: f'  il_loop_{a}:\n    level: charge\n    type: string\n    label: {{en: "l", es: "l"}}\n    question: {{en: "l?", es: "l?"}}\n    infer:\n      from: il_loop_{b}\n      map:\n        - {{matches: "x", value: "y"}}\n'
    d = rules_variant('r17', [(IL_J, 'facts:\n', 'facts:\n' + loop('a', 'b') + loop('b', 'a'))])
    v = validate(d); b = run(['batch', os.path.join(ROOT, 'test', 'fixtures', 'batch', 'sample.csv'), '--rules', d, '--no-clinics'])
    return v.rc == 1 and 'circle' in v.out + v.err and b.rc == 1 and 'Maximum call stack' not in b.err

@case('R18', 'billion laughs in a rule file')
def _():
    y = 'a: &a [x,x,x,x,x,x,x,x,x]\n' + ''.join(f'{chr(98+i)}: &{chr(98+i)} [' + ','.join([f'*{chr(97+i)}'] * 9) + ']\n' for i in range(8))
    d = rules_variant('r18', after=lambda d: open(os.path.join(d, 'IL', 'zz.yaml'), 'w').write(y)); r = validate(d); return r.rc == 1 and clean(r)

@case('R19', 'condition nested 5k and 50k deep')
def _():
    ok = True
    for depth in (5000, 50000):
        w = '{not: ' * depth + '{fact: disposition, eq: convicted}' + '}' * depth
        d = rules_variant('r19', after=lambda d: open(os.path.join(d, 'IL', 'zz.yaml'), 'w').write(f'rules:\n  - id: IL.zz\n    kind: sealing\n    name: zz\n    citation: x\n    when: {w}\n'))
        r = validate(d); ok &= r.rc == 1 and clean(r)
    return ok

@case('R20', '!!js/function as a condition')
def _():
    d = rules_variant('r20', after=lambda d: open(os.path.join(d, 'IL', 'zz.yaml'), 'w').write('rules:\n  - id: IL.zz\n    kind: sealing\n    when: !!js/function "function(){return true}"\n')); r = validate(d); return r.rc == 1 and clean(r)

@case('R21', '__proto__ and constructor keys in a rule file')
def _():
    d = rules_variant('r21', after=lambda d: open(os.path.join(d, 'IL', 'zz.yaml'), 'w').write('__proto__: {x: 1}\nconstructor: {prototype: {y: 1}}\n')); r = validate(d); return r.rc == 1 and clean(r)

@case('R22', 'a folder named adir.yaml')
def _():
    d = rules_variant('r22', after=lambda d: os.makedirs(os.path.join(d, 'IL', 'adir.yaml'))); r = validate(d); return r.rc == 1 and clean(r)

@case('R23', 'FIFO named zz-fifo.yaml in IL/: an error naming it, no hang')
def _():
    d = rules_variant('r23', after=lambda d: os.mkfifo(os.path.join(d, 'IL', 'zz-fifo.yaml'))); r = run(['rules', 'validate', '--rules', d], timeout=30)
    return r.rc == 1 and 'zz-fifo.yaml' in r.out + r.err

@case('R24', '/dev/zero symlink named zz-zero.yaml: an error naming it')
def _():
    d = rules_variant('r24', after=lambda d: os.symlink('/dev/zero', os.path.join(d, 'IL', 'zz-zero.yaml'))); r = run(['rules', 'validate', '--rules', d], timeout=30)
    return r.rc == 1 and 'zz-zero.yaml' in r.out + r.err

@case('R25', 'a 20 MB rule file (scaled from 100 MB)')
def _():
    d = rules_variant('r25', after=lambda d: open(os.path.join(d, 'IL', 'zz.yaml'), 'w').write('# ' + 'x' * (20 << 20) + '\n{}\n')); r = validate(d); return clean(r)

@case('R26', 'no schema/; permissive schema; --rules FILE or /dev/zero; validate of a missing folder')
def _():
    a = validate(rules_variant('r26a', after=lambda d: shutil.rmtree(os.path.join(d, 'schema'))))
    b = validate(rules_variant('r26b', after=lambda d: open(os.path.join(d, 'schema', 'rule-file.schema.json'), 'w').write('{}')))
    c = run(['rules', 'validate', '--rules', EX]); z = run(['rules', 'validate', '--rules', '/dev/zero'], timeout=30)
    m = run(['rules', 'validate', '--rules', os.path.join(T, 'missing')]); m2 = run(['check', EX, '--rules', os.path.join(T, 'missing')])
    return a.rc == 0 and b.rc == 0 and 'differs' in b.out + b.err and all(x.rc == 1 and clean(x) and 'cannot load the rule files' in x.err for x in (c, z, m, m2))

@case('R27', 'no facts.yaml')
def _():
    r = validate(rules_variant('r27', after=lambda d: os.unlink(os.path.join(d, 'facts.yaml')))); return r.rc == 1 and clean(r)

@case('R28', 'lowercase wi/ (warning naming it); empty IL/ (error)')
def _():
    a = validate(rules_variant('r28a', after=lambda d: os.makedirs(os.path.join(d, 'wi'))))
    b = validate(rules_variant('r28b', after=lambda d: [os.unlink(os.path.join(d, 'IL', n)) for n in os.listdir(os.path.join(d, 'IL')) if n.endswith('.yaml')]))
    return 'wi/ was not read' in a.out + a.err and b.rc == 1 and 'holds no rule files' in b.out + b.err

@case('R29', '--rules pointing at a missing folder (check)')
def _():
    r = run(['check', EX, '--rules', '/nonexistent-rules']); return r.rc == 1 and clean(r)

@case('R30', 'rules validate /dev/zero')
def _():
    r = run(['rules', 'validate', '/dev/zero'], timeout=30); return r.rc in (1, 2) and clean(r)

# ---------------------------------------------------------------- output paths
SAMPLE = os.path.join(ROOT, 'test', 'fixtures', 'batch', 'sample.csv')
def b_out(out, *extra, env=None):
    return run(['batch', SAMPLE, *O, '--format', 'csv', '--quiet', '--output', out, *extra], env=env)

@case('O1', '--output in a folder that does not exist')
def _(): r = b_out(os.path.join(T, 'nope', 'x.csv')); return r.rc == 1 and clean(r)

def dev(name, minor):
    p = os.path.join(T, name)
    if not os.path.exists(p): os.mknod(p, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return p

@case('O2', '--output a full device (mknod 1,7 in a temp folder): exit 1, device kept')
def _():
    if not IS_ROOT: return None
    p = dev('full', 7); r = b_out(p); return r.rc == 1 and stat.S_ISCHR(os.stat(p).st_mode) and 'Done' not in r.err

@case('O3', '--output a null device: written through, device kept')
def _():
    if not IS_ROOT: return None
    p = dev('null', 3); r = b_out(p); return r.rc == 1 and stat.S_ISCHR(os.stat(p).st_mode)  # sample has one bad row: rc 1

@case('O4', '--output /dev/stdout: results on stdout')
def _():
    r = run(['batch', SAMPLE, *O, '--format', 'csv', '--output', '/dev/stdout']); return 'p1,2026-11-28' in r.out

def in_small_fs(script):
    return subprocess.run(['unshare', '-m', 'bash', '-c', f'set -e; M={T}/small; mkdir -p $M; mount -t tmpfs -o size=64k tmpfs $M; head -c 60000 /dev/zero > $M/fill || true; {script}'],
                          capture_output=True, text=True, timeout=60)

@case('O5', 'full disk, large output: exit 1, target kept, .tmp removed')
def _():
    if not IS_ROOT: return None
    big = f('o5.jsonl', ''.join(json.dumps(dict(PERSON, id=f'p{i}')) + '\n' for i in range(2000)))
    p = in_small_fs(f'echo precious > $M/out.csv; set +e; {NODE} {BIN} batch {big} {" ".join(O)} --format csv --output $M/out.csv; echo rc=$?; cat $M/out.csv; ls -a $M')
    return 'rc=1' in p.stdout and 'precious' in p.stdout and '.tmp' not in p.stdout

@case('O6', 'full disk, small output: exit 1, no Done, old file kept')
def _():
    if not IS_ROOT: return None
    p = in_small_fs(f'echo precious > $M/out.csv; head -c 8000 /dev/zero > $M/fill2 || true; set +e; {NODE} {BIN} batch {SAMPLE} {" ".join(O)} --format csv --output $M/out.csv; echo rc=$?; cat $M/out.csv; ls -a $M')
    return 'rc=1' in p.stdout and 'precious' in p.stdout and 'Done' not in p.stderr

@case('O7', 'full disk, --summary: exit 1')
def _():
    if not IS_ROOT: return None
    p = in_small_fs(f'head -c 8000 /dev/zero > $M/fill2 || true; set +e; {NODE} {BIN} batch {SAMPLE} {" ".join(O)} --format csv --output /dev/null --summary $M/s.md; echo rc=$?')
    return 'rc=1' in p.stdout

@case('O8', 'stdout to a full device (check, small batch): exit 1')
def _():
    if not IS_ROOT: return None
    p = dev('full', 7); ok = True
    for cmd in ('check', 'batch'):
        with open(p, 'wb') as fh:
            r = run([cmd, SAMPLE, *O, '--format', 'csv'], shell_stdout=fh)
        ok &= r.rc == 1 and 'Done' not in r.err
    return ok

@case('O9', 'read-only (0444) target: refused, as root and as nobody')
def _():
    p = f('o9.csv', 'precious\n'); os.chmod(p, 0o444); r = b_out(p)
    ok = r.rc == 1 and open(p).read() == 'precious\n'
    if IS_ROOT:
        d = os.path.join(T, 'o9n'); os.makedirs(d, exist_ok=True); os.chmod(T, 0o755); os.chmod(d, 0o777); q = os.path.join(d, 'x.csv'); open(q, 'w').write('precious\n'); os.chmod(q, 0o444); os.chown(q, 65534, 65534)
        n = subprocess.run(['runuser', '-u', 'nobody', '--', NODE, BIN, 'batch', SAMPLE, *O, '--format', 'csv', '--output', q], capture_output=True, cwd='/')
        ok &= n.returncode == 1 and open(q).read() == 'precious\n'
    return ok

@case('O10', '0600 target stays 0600')
def _():
    p = f('o10.csv', 'x'); os.chmod(p, 0o600); b_out(p); return stat.S_IMODE(os.stat(p).st_mode) == 0o600

@case('O11', 'symlink as target: the file gets the results, the link stays')
def _():
    t = f('o11t.csv', 'x'); l = os.path.join(T, 'o11l.csv')
    if not os.path.lexists(l): os.symlink(t, l)
    b_out(l); return os.path.islink(l) and 'p1,' in open(t).read()

@case('O12', '--output reaching the input through a symlinked folder or link: refused, input kept')
def _():
    d = os.path.join(T, 'o12'); os.makedirs(d, exist_ok=True); inp = os.path.join(d, 'input.csv'); shutil.copy(SAMPLE, inp)
    same = os.path.join(T, 'o12same')
    if not os.path.lexists(same): os.symlink(d, same)
    r = run(['batch', inp, *O, '--output', os.path.join(same, 'input.csv')]); link = os.path.join(T, 'o12link.csv')
    if not os.path.lexists(link): os.symlink(inp, link)
    r2 = run(['batch', link, *O, '--output', inp])
    return r.rc != 0 and r2.rc != 0 and open(inp).read() == open(SAMPLE).read()

@case('O13', '--summary reaching the input through a symlinked folder: refused')
def _():
    d = os.path.join(T, 'o12'); inp = os.path.join(d, 'input.csv'); r = run(['batch', inp, *O, '--output', '/dev/null', '--summary', os.path.join(T, 'o12same', 'input.csv')])
    return r.rc != 0 and open(inp).read() == open(SAMPLE).read()

@case('O14', '--output is a folder')
def _(): r = b_out(T); return r.rc == 1 and clean(r)

@case('O15', 'folder not writable (as nobody): clean error')
def _():
    if not IS_ROOT: return None
    d = os.path.join(T, 'o15'); os.makedirs(d, exist_ok=True); os.chmod(d, 0o755)
    n = subprocess.run(['runuser', '-u', 'nobody', '--', NODE, BIN, 'batch', SAMPLE, *O, '--output', os.path.join(d, 'x.csv')], capture_output=True, text=True, cwd='/')
    return n.returncode == 1 and 'something went wrong' not in n.stderr

@case('O16', 'an output name of 254 characters')
def _(): r = b_out(os.path.join(T, 'o' * 250 + '.csv')); return r.rc == 1 and os.path.exists(os.path.join(T, 'o' * 250 + '.csv'))  # rc 1: sample has a bad row

def signal_case(sig, code):
    d = os.path.join(T, f'sig{sig}'); os.makedirs(d, exist_ok=True)
    src = os.path.join(d, 'in.jsonl'); open(src, 'w').write(''.join(json.dumps(dict(PERSON, id=f'p{i}')) + '\n' for i in range(100000)))
    out = os.path.join(d, 'out.csv'); open(out, 'w').write('precious\n')
    p = subprocess.Popen([NODE, BIN, 'batch', src, *O, '--format', 'csv', '--output', out], stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR='1'))
    time.sleep(3); p.send_signal(sig); rc = p.wait(timeout=30)
    return rc == code and open(out).read() == 'precious\n' and not [x for x in os.listdir(d) if x.endswith('.tmp')]

@case('O17', 'SIGINT mid-run: exit 130, .tmp removed, target kept')
def _(): return signal_case(signal.SIGINT, 130)

@case('O18', 'SIGTERM and SIGHUP mid-run: .tmp removed')
def _(): return signal_case(signal.SIGTERM, 143) and signal_case(signal.SIGHUP, 129)

@case('O19', 'only the requested files are written (check, batch, rules, clinics in an empty folder)')
def _():
    d = os.path.join(T, 'o19'); os.makedirs(d, exist_ok=True); home = os.path.join(T, 'o19home'); os.makedirs(home, exist_ok=True); tmpd = os.path.join(T, 'o19tmp'); os.makedirs(tmpd, exist_ok=True)
    env = {'HOME': home, 'TMPDIR': tmpd, 'XDG_CACHE_HOME': os.path.join(home, '.cache')}
    run(['check', SAMPLE, *O], cwd=d, env=env); run(['batch', SAMPLE, *O, '--output', 'r.csv'], cwd=d, env=env); run(['rules', 'list'], cwd=d, env=env); run(['clinics', '--zip', '60614'], cwd=d, env=env)
    return os.listdir(d) == ['r.csv'] and os.listdir(home) == [] and os.listdir(tmpd) == []

@case('O20', 'EPIPE (| head -1), batch jobs 0 and 1, and check')
def _():
    ok = True
    for args in (['batch', SAMPLE, *O, '--jobs', '0'], ['batch', SAMPLE, *O, '--jobs', '1'], ['check', SAMPLE, *O, '--format', 'jsonl']):
        p = subprocess.run(f'{NODE} {BIN} {" ".join(args)} 2>{T}/epipe.err | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}', shell=True, executable='/bin/bash', capture_output=True, text=True)
        ok &= 'EPIPE' not in open(f'{T}/epipe.err').read() and 'something went wrong' not in open(f'{T}/epipe.err').read()
    return ok

# ---------------------------------------------------------------- concurrency and modes
@case('M1', 'two runs writing the same --output and --summary')
def _():
    src = f('m1.jsonl', ''.join(json.dumps(dict(PERSON, id=f'p{i}')) + '\n' for i in range(3000))); out = os.path.join(T, 'm1.csv'); s = os.path.join(T, 'm1.md')
    ps = [subprocess.Popen([NODE, BIN, 'batch', src, *O, '--format', 'csv', '--output', out, '--summary', s, '--quiet']) for _ in range(2)]
    rcs = [p.wait() for p in ps]; lines = open(out).read().count('\n')
    return rcs == [0, 0] and lines > 3000 and not [x for x in os.listdir(T) if x.endswith('.tmp')]

@case('M2', '--jobs 0/1/2 on odd records: byte-identical')
def _():
    odd = ''.join(jl(id=f'p{i}') for i in range(300)) + '{bad\n' + jl(id='d', charges=[dict(PERSON['charges'][0], disposition_date='2023-02-30')]) + jl(id={'a': 1})
    src = f('m2.jsonl', odd * 3); outs = set()
    for fmt in ('jsonl', 'csv', 'json'):
        outs = {run(['batch', src, *O, '--format', fmt, '--jobs', j]).out for j in ('0', '1', '2')}
        if len(outs) != 1: return False
    return True

@case('M3', '--jobs -1, abc, 1.5 rejected (2); 64 capped')
def _():
    bad = [run(['batch', SAMPLE, *O, '--jobs', j]).rc for j in ('-1', 'abc', '1.5')]; ok = run(['batch', SAMPLE, *O, '--jobs', '64'])
    return bad == [2, 2, 2] and ok.rc == 1 and clean(ok)

@case('M4', '--strict --jobs 1 stops at the first error')
def _():
    src = f('m4.jsonl', jl(id='bad', state=['IL']) + ''.join(jl(id=f'p{i}') for i in range(999)))
    r = run(['batch', src, *O, '--strict', '--jobs', '1']); return r.rc == 1 and len(r.recs()) < 1000

@case('M5', '--format table --jobs 1 writes a table')
def _():
    r = run(['batch', SAMPLE, *O, '--format', 'table', '--jobs', '1']); return not r.out.lstrip().startswith('{') and 'p1' in r.out

@case('M6', 'standard input in split first chunks')
def _():
    ok = True
    for first, rest in ((b'i', b'd,state\np1,IL\n'), (b'\xef', b'\xbb\xbf' + jl().encode()), (b' ', jl().encode())):
        p = subprocess.Popen([NODE, BIN, 'batch', '-', *O], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdin.write(first); p.stdin.flush(); time.sleep(0.5); p.stdin.write(rest); p.stdin.close()
        err = p.stderr.read().decode(); p.stdout.read(); p.wait()
        ok &= p.returncode in (0, 1) and 'cannot tell' not in err
    return ok

@case('M7', 'mutation fuzzing: 60 runs (JSONL/CSV/YAML batch, YAML check), seed 7')
def _():
    random.seed(7); seeds = {'jsonl': ''.join(jl(id=f'p{i}') for i in range(5)).encode(), 'csv': (HDR + ''.join(crow(f'p{i}') for i in range(5))).encode(), 'yaml': ''.join(ypers(f'p{i}') for i in range(5)).encode()}
    for i in range(60):
        ext = ['jsonl', 'csv', 'yaml'][i % 3]; b = bytearray(seeds[ext])
        for _ in range(random.randint(1, 8)):
            k = random.randrange(len(b)); op = random.randrange(3)
            if op == 0: b[k] = random.randrange(256)
            elif op == 1: del b[k]
            else: b.insert(k, random.choice(b'"{}[],:\n\r\\-#&*!'))
        r = run(['check' if (ext == 'yaml' and i % 2) else 'batch', f(f'fz{i}.{ext}', bytes(b)), *O], timeout=30)
        if not clean(r) or r.rc not in (0, 1, 2): print('   fuzz failure', i, ext, r.rc, r.err[:200]); return False
        if ext == 'jsonl' and r.rc != 2:
            lines = [l for l in bytes(b).split(b'\n') if l.strip()]
            if len(r.recs()) != len(lines) and b'\r' not in bytes(b): print('   fuzz count', i, len(r.recs()), len(lines)); return False
    return True


def main():
    want = set(sys.argv[1:])
    fails = skipped = 0
    try:
        for fn in CASES:
            if want and fn.cid not in want: continue
            t = time.time()
            try:
                ok = fn()
            except Exception as e:  # a broken case is a failure, shown
                ok = False; print(f'   {fn.cid}: {type(e).__name__}: {e}')
            status = 'skipped' if ok is None else 'ok' if ok else 'FAILED'
            fails += status == 'FAILED'; skipped += status == 'skipped'
            print(f'{fn.cid:4} {status:7} {time.time() - t:6.1f}s  {fn.what}', flush=True)
    finally:
        shutil.rmtree(T, ignore_errors=True)
    n = len([c for c in CASES if not want or c.cid in want])
    print(f'{n} cases: {n - fails - skipped} hold, {fails} failed, {skipped} skipped')
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
