#!/usr/bin/env python3
"""Where the engine benchmark's time goes: start-up, then milliseconds per task, segment by segment.

    bench/profile/engine-segments.py [REPS]     (default 4; run bench/engine.sh once first)

Runs the bare JDBC loop of bench/engine.sh (with -Dbench.progress=true) and `bin/cutover run` of its plan
alternately, REPS times each, each on a fresh database after a CHECKPOINT, `sync` and a 2 s pause, and stamps
every "start  tables/tN" line as it arrives. Prints, per run: the time to the first task (JVM start included),
the milliseconds per task over tasks 1-100, 100-200, 200-300, 300-500, 500-750 and 750-1000, and the end.
On 2026-12-06 this showed cutover's first 100 tasks at 5-6.5 ms each against 3.7-4.6 ms for the loop, and
within 0.2-0.4 ms of it after task 500: a warm-up (interpreted code, the C1 compiler's backlog and the journal's
first writes to H2 competing for two cores with PostgreSQL), besides the 0.35-0.45 s more of start-up.
"""
import os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.path.join(ROOT, "bench", "work", "engine")
URL = "jdbc:postgresql://127.0.0.1:5432/bench_engine"
MARKS = (1, 100, 200, 300, 500, 750, 1000)


def fresh():
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres",
                    "-c", "drop database if exists bench_engine with (force)", "-c", "create database bench_engine",
                    "-c", "checkpoint"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["sync"])
    time.sleep(2)


def stamped(cmd, env):
    t0 = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    marks = {}
    for line in p.stdout:
        text = line.decode(errors="replace")
        if text.startswith("start  tables/t"):
            n = int(text.split("/t", 1)[1].split()[0])
            if n in MARKS:
                marks[n] = time.time() - t0
    if p.wait() != 0 or 1 not in marks:
        sys.exit("engine-segments: %s failed (exit %d)" % (cmd[0], p.returncode))
    end = time.time() - t0
    ks = sorted(marks)
    segs = " ".join("%d-%d:%.2f" % (a, b, (marks[b] - marks[a]) * 1000 / (b - a)) for a, b in zip(ks, ks[1:]))
    return "first %.3f s | ms/task %s | end %.2f s" % (marks[1], segs, end)


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    plan = os.path.join(WORK, "plan.yaml")
    cp_file = os.path.join(ROOT, "bench", "engine", "target", "cp.txt")
    if not os.path.exists(plan) or not os.path.exists(cp_file):
        sys.exit("engine-segments: run bench/engine.sh once first (it writes the plan and the loop's class path)")
    cp = os.path.join(ROOT, "bench", "engine", "target", "classes") + ":" + open(cp_file).read().strip()
    env = dict(os.environ, BENCH_URL=URL)
    state = os.path.join(WORK, "segments-state")
    for rep in range(1, reps + 1):
        fresh()
        print("loop    " + stamped(["java", "-Dbench.progress=true", "-cp", cp, "bench.EngineBench", "loop", URL, "1000"], env),
              flush=True)
        fresh()
        subprocess.run(["rm", "-rf", state])
        print("cutover " + stamped([os.path.join(ROOT, "bin", "cutover"), "run", "--ignore-window", "--state",
                                    "jdbc:h2:file:" + state + "/cutover", plan], env), flush=True)


if __name__ == "__main__":
    main()
