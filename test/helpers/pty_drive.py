"""Drive a command in a real pseudo-terminal: for each step, wait until the screen (ANSI codes
stripped) matches a regular expression, then type the given keys. Prints one JSON object:
output, exit code, the step that failed (if any) and, per step, the seconds from launch at which
it matched and at which its keys were sent. Used by test/screen-pty.test.ts and bench/screen.mjs.

    python3 pty_drive.py '{"argv": [...], "cwd": "...", "env": {...}, "steps": [[regex, keys], ...]}'
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
pos = 0
failed = None
matched = []
sent = []
for expect, send in spec['steps']:
    deadline = time.time() + spec.get('timeout', 10)
    while True:
        m = re.compile(expect).search(clean(), pos)
        if m:
            pos = m.end()
            matched.append(time.time() - t0)
            break
        if time.time() > deadline or not pump(0.1):
            if not m and not re.compile(expect).search(clean(), pos):
                failed = expect
            break
    if failed:
        break
    time.sleep(spec.get('settle', 0.05))
    sent.append(time.time() - t0)
    os.write(fd, send.encode('utf8'))
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
