"""Drive a command in a real pseudo-terminal: for each step, wait until the screen (ANSI codes
stripped) matches a regular expression, then type the given keys. Prints one JSON object:
output, exit code, the step that failed (if any) and, per step, the seconds from launch at which
it matched and at which its keys were sent. A step [regex, keys, until] repeats: at each new match
of regex it types the keys again, until `until` shows. Used by test/screen-pty.test.ts,
test/new-user-review.test.ts and bench/screen.mjs.

    python3 pty_drive.py '{"argv": [...], "cwd": "...", "env": {...}, "steps": [[regex, keys], ...], "settle": 0.05}'
"""
import json, os, pty, re, select, sys, time, fcntl, termios, struct
spec = json.loads(sys.argv[1])
ansi = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]')
t0 = time.time()
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec['cwd'])
    os.execvpe(spec['argv'][0], spec['argv'], spec['env'])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 60, 0, 0))
raw = b''
def clean():
    return ansi.sub('', raw.decode('utf8', 'replace')).replace('\r', '')
def pump(t):
    global raw
    r, _, _ = select.select([fd], [], [], t)
    if r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        raw += data
    return True
def wait(pats, pos):
    """The first of `pats` (None for none) to show at or after `pos`; at the same place the later one wins."""
    deadline = time.time() + spec.get('timeout', 10)
    while True:
        text = clean()
        hits = [(m.start(), i, m) for i, p in enumerate(pats) if p for m in [re.compile(p).search(text, pos)] if m]
        if hits:
            hits.sort(key=lambda h: (h[0], -h[1]))
            return hits[0][1], hits[0][2]
        if time.time() > deadline or not pump(0.1):
            return None, None
pos = 0
failed = None
matched = []
sent = []
for step in spec['steps']:
    # [expect, keys] or, repeating, [expect, keys, until]: at each new match of `expect` type the
    # keys again, until `until` shows (then nothing is typed): "press Enter at every question the
    # planner still asks, until the review".
    expect, send = step[0], step[1]
    until = step[2] if len(step) > 2 else None
    rounds = 0
    while True:
        which, m = wait([expect, until], pos)
        if m is None:
            failed = expect
            break
        if which == 1:
            break
        pos = m.end()
        matched.append(time.time() - t0)
        time.sleep(spec.get('settle', 0.05))
        if until is not None:
            # the same question drawn again is not a new one: skip what is on screen now
            while select.select([fd], [], [], 0.05)[0] and pump(0):
                pass
            # the question may have come in pieces: is it the one that ends the step after all?
            if re.compile(until).search(clean(), m.start()):
                pos = m.start()
                break
            pos = max(pos, len(clean()))
        sent.append(time.time() - t0)
        os.write(fd, send.encode('utf8'))
        rounds += 1
        if until is None or rounds > 40:
            break
    if failed:
        break
end = time.time() + (spec.get('timeout', 10) if not failed else 1)
while time.time() < end and pump(0.2):
    pass
code = None
try:
    limit = time.time() + 5
    done, status = os.waitpid(pid, os.WNOHANG)
    while done == 0 and time.time() < limit:
        time.sleep(0.05)
        done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, 9)
        done, status = os.waitpid(pid, 0)
        code = None
    else:
        code = os.waitstatus_to_exitcode(status)
except ChildProcessError:
    pass
print(json.dumps({'output': clean(), 'code': code, 'failed': failed, 'matched': matched, 'sent': sent}))
