"""Answer a questionnaire in a real pseudo-terminal, whatever order it asks in: each time a new
question is on screen (an Inquirer prompt line starting with "? "), find the first answer whose
regular expression matches the question, and give it. Prints one JSON object: output, exit code,
the questions asked (in order, with the answer given), the seconds from launch to the end of the
results, and an error if a question had no answer or the results never came.

    python3 pty_answer.py '{"argv": [...], "cwd": "...", "env": {...}, "end": "not legal advice",
                            "answers": [[question_regex, answer], ...]}'

An answer is {"type": "text"} (typed, then Enter), {"choose": option_regex} (moves the cursor of
a list to the first option matching, then Enter), {"keys": "raw keys"}, {"dk": true} ("I don't
know": that choice on a list, "?" in a text box), a list of these (the next one each time the
question comes), or {"by_case": [answer for case 1, for case 2, ...]} (by the last "— Case N —"
heading before the question: a case's details may come after the next case began). Used by
bench/asking.mjs.
"""
import json, os, pty, re, select, sys, time, fcntl, termios, struct

spec = json.loads(sys.argv[1])
ansi = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]')
answers = [(re.compile(q, re.I), a) for q, a in spec['answers']]
end_re = re.compile(spec.get('end', r'not\s+legal\s+advice'))
settle = spec.get('settle', 0.12)
t0 = time.time()
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec['cwd'])
    os.execvpe(spec['argv'][0], spec['argv'], spec['env'])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 100, 0, 0))
raw = b''
alive = True


def pump(t):
    global raw, alive
    r, _, _ = select.select([fd], [], [], t)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            alive = False
            return False
        if not data:
            alive = False
            return False
        raw += data
        return True
    return False


line_start = re.compile(r'\x1b\[[0-9]*[GK]')  # to column 1, or erase the line: a re-draw starts
hint_end = re.compile(r'(choose|elegir)([?✔]) ')


def screen():
    # A prompt is re-drawn after a carriage return, or over the line of the key hints (a cursor
    # move): either way it goes on a line of its own once the control codes are stripped.
    text = raw.decode('utf8', 'replace').replace('\r\n', '\n').replace('\r', '\n')
    text = ansi.sub('', line_start.sub('\n', text))
    return hint_end.sub(lambda m: m.group(1) + '\n' + m.group(2) + ' ', text)


def quiet(seconds):
    """Read until nothing new has come for `seconds`."""
    while pump(seconds):
        pass


def current_prompt(text, start):
    """The last '? ' prompt line at or after `start`, as (position, question text)."""
    best = None
    for m in re.finditer(r'(?m)^\? (.+)$', text):
        if m.start() >= start:
            best = (m.start(), m.group(1))
    return best


asked = []
uses = {}
error = None
done_at = None
pos = 0
deadline = time.time() + spec.get('timeout', 60)


def past_end(text, start):
    """Where the end mark shows after `start` (noting when it first did), or None."""
    global done_at
    e = end_re.search(text, start)
    if not e:
        return None
    if done_at is None:
        done_at = time.time() - t0
    return e.end()


while time.time() < deadline and alive:
    pump(0.05)
    text = screen()
    # the results are out: go on answering what comes after them (an offer), until the exit
    pos = past_end(text, pos) or pos
    p = current_prompt(text, pos)
    if not p:
        continue
    quiet(settle)
    text = screen()
    end = past_end(text, pos)
    if end:
        # the results came meanwhile (their "? Sealing: …" lines are not questions): go on after them
        pos = end
        continue
    p = current_prompt(text, pos)
    if not p:
        continue
    question = p[1]
    hit = next((i for i, (q, a) in enumerate(answers) if q.search(question)), None)
    if hit is None:
        error = 'no answer for: ' + question
        break
    answer = answers[hit][1]
    if isinstance(answer, dict) and 'by_case' in answer:
        # one answer per case: the case whose heading ("— Case 2 —") came last before the question
        heads = list(re.finditer(r'— (?:Case|Caso) (\d+) —', text[:p[0]]))
        n = int(heads[-1].group(1)) if heads else 1
        answer = answer['by_case'][min(n, len(answer['by_case'])) - 1]
    if isinstance(answer, list):
        # a list: the next one each time this question comes (the last one again after that)
        n = uses.get(hit, 0)
        uses[hit] = n + 1
        answer = answer[min(n, len(answer) - 1)]
    if answer.get('dk'):
        is_list = any(l.lstrip().startswith('❯') for l in screen()[p[0]:].split('\n'))
        answer = {'choose': "I don't know|not sure|No sé|No estoy segur"} if is_list else {'type': '?'}
    asked.append([question.strip(), answer])
    if 'type' in answer:
        # typed, then Enter once the screen has caught up (a search list filters as you type)
        os.write(fd, answer['type'].encode('utf8'))
        quiet(settle)
        os.write(fd, b'\r')
    elif 'keys' in answer:
        os.write(fd, answer['keys'].encode('utf8'))
    else:
        want = re.compile(answer['choose'], re.I)
        found = False
        key, last, turned = b'\x1b[B', None, False
        for _ in range(80):
            cur = [l for l in screen()[p[0]:].split('\n') if l.lstrip().startswith('❯')]
            if cur and want.search(cur[-1]):
                found = True
                break
            if cur and cur[-1] == last:
                # the end of a list that does not wrap: go the other way
                if turned:
                    break
                key, turned = b'\x1b[A', True
            last = cur[-1] if cur else None
            before = len(raw)
            os.write(fd, key)
            # wait for the re-draw (a list at its end draws nothing new)
            until_draw = time.time() + 0.6
            while len(raw) == before and time.time() < until_draw:
                pump(0.05)
            quiet(0.04)
        if not found:
            error = 'no option /%s/ for: %s' % (answer['choose'], question)
            break
        os.write(fd, b'\r')
    # the answered prompt is re-drawn as "✔ question answer": new prompts come after that line
    until = time.time() + 10
    tick = re.compile(r'(?m)^✔ .*$')  # the answered prompt
    m = None
    retry = time.time() + 2
    while time.time() < until and alive:
        m = tick.search(screen(), p[0])
        if m:
            break
        if 'type' in answer and time.time() > retry:
            # a search list still filtering when Enter came: Enter again
            os.write(fd, b'\r')
            retry = time.time() + 2
        pump(0.05)
    if not m:
        if past_end(screen(), p[0]):
            # the answer ended it (Ctrl-C, say): the end shows instead of the answered line
            break
        error = 'the answer was not taken: ' + question
        break
    pos = m.end()
if done_at is None and error is None:
    error = 'the results never came'
quiet(0.3)
code = None
try:
    limit = time.time() + 5
    done, status = os.waitpid(pid, os.WNOHANG)
    while done == 0 and time.time() < limit:
        pump(0.05)
        done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    else:
        code = os.waitstatus_to_exitcode(status)
except ChildProcessError:
    pass
print(json.dumps({'output': screen(), 'code': code, 'asked': asked, 'seconds': done_at, 'error': error}))
