#!/usr/bin/env python3
"""Compares JVM option sets for 'bin/cutover validate', round robin, on one fixed build.

    bench/jvm-options.py [--runs N] [--plan FILE]... [NAME='OPTIONS']...

Run bench/validate.sh first: it makes bench/work/snapshot (a copy of bin/cutover, the jar and
its lib/) and the plans in bench/work/. Every run here is '/usr/bin/time -f "%e %M %U %S"
bench/work/snapshot/bin/cutover validate PLAN' with CUTOVER_JAVA_OPTS set to the option set, so
the project's launcher is what is measured. The sets and the plans take turns (set 1 plan 1,
set 1 plan 2, set 2 plan 1, ...), round after round, so that background load falls on all of
them alike; compare the CPU column first (user + sys, least disturbed by other work), then the
minimum wall time.

An option set may hold @CDS@: it is replaced by an AppCDS archive made for that set (JDK 17:
one training run with -XX:ArchiveClassesAtExit on the tiny plan, then -XX:SharedArchiveFile),
with -Xlog:cds=off -Xlog:cds+dynamic=off to keep CDS warnings out of the output.
Without NAME=OPTIONS arguments, the sets of docs/performance.md are compared.
"""

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
SNAP = os.path.join(WORK, "snapshot")
LAUNCHER = os.path.join(SNAP, "bin", "cutover")
CDS_QUIET = "-Xlog:cds=off -Xlog:cds+dynamic=off"


def launcher_defaults():
    m = re.search(r"CUTOVER_JAVA_OPTS:-([^}]*)}", open(LAUNCHER).read())
    return m.group(1) if m else ""


def default_sets(d):
    return [
        ("launcher defaults", d),
        # An empty CUTOVER_JAVA_OPTS means the launcher's defaults; -Xshare:auto alone is the JVM's own default.
        ("JVM defaults (G1, C2)", "-Xshare:auto"),
        ("defaults, full JIT (C2)", d.replace("-XX:TieredStopAtLevel=1", "")),
        ("defaults, G1 instead of Serial", d.replace("-XX:+UseSerialGC", "")),
        ("defaults, -Xshare:off", d.replace("-Xshare:auto", "-Xshare:off")),
        ("defaults -Xmn32m", d + " -Xmn32m"),
        ("defaults -Xmx256m", d + " -Xmx256m"),
        ("defaults -XX:-UsePerfData", d + " -XX:-UsePerfData"),
        ("defaults + AppCDS", d + " @CDS@"),
        ("defaults + AppCDS -Xmn32m", d + " @CDS@ -Xmn32m"),
    ]


def timed(cmd, env):
    tfile = os.path.join(WORK, "jvm-options.time")
    p = subprocess.run(["/usr/bin/time", "-o", tfile, "-f", "%e %M %U %S"] + cmd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    fields = open(tfile).read().split()[-4:]
    return p, float(fields[0]), int(fields[1]) / 1024, float(fields[2]) + float(fields[3])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10, help="rounds (default 10)")
    ap.add_argument("--plan", action="append", help="plan file (default: bench/work/plan-2000.yaml and plan-tiny.yaml)")
    ap.add_argument("sets", nargs="*", help="NAME=OPTIONS")
    args = ap.parse_args()
    if not os.path.exists(LAUNCHER):
        sys.exit("jvm-options.py: run bench/validate.sh first (it makes bench/work/snapshot)")
    if not os.path.exists("/usr/bin/time"):
        sys.exit("jvm-options.py: GNU time is needed at /usr/bin/time: apt-get install -y time")
    plans = args.plan or [os.path.join(WORK, "plan-2000.yaml"), os.path.join(WORK, "plan-tiny.yaml")]
    tiny = os.path.join(WORK, "plan-tiny.yaml")
    d = launcher_defaults()
    sets = [tuple(s.split("=", 1)) for s in args.sets] if args.sets else default_sets(d)

    resolved = []
    for i, (name, opts) in enumerate(sets):
        if "@CDS@" in opts:
            jsa = os.path.join(SNAP, f"options-{i}.jsa")
            if os.path.exists(jsa):
                os.remove(jsa)
            train = opts.replace("@CDS@", f"-XX:ArchiveClassesAtExit={jsa} {CDS_QUIET}")
            p, e, m, c = timed([LAUNCHER, "validate", tiny], dict(os.environ, CUTOVER_JAVA_OPTS=train))
            if p.returncode != 0 or not os.path.exists(jsa):
                sys.exit(f"jvm-options.py: training run for '{name}' failed:\n{p.stderr}")
            print(f"AppCDS for '{name}': {os.path.getsize(jsa) / 2**20:.1f} MiB archive, "
                  f"training run {e:.2f} s wall, {c:.2f} s cpu, {m:.0f} MiB peak")
            opts = opts.replace("@CDS@", f"-XX:SharedArchiveFile={jsa} {CDS_QUIET}")
        resolved.append((name, " ".join(opts.split())))

    print(f"load avg before: {' '.join(open('/proc/loadavg').read().split()[:3])}, nproc {os.cpu_count()}")
    results = {(n, pl): [] for n, _ in resolved for pl in plans}
    for r in range(args.runs):
        for name, opts in resolved:
            for pl in plans:
                p, e, m, c = timed([LAUNCHER, "validate", pl], dict(os.environ, CUTOVER_JAVA_OPTS=opts))
                # Exactly one line, "PLAN: valid (...)": a JVM warning (a stale CDS archive) also fails.
                if p.returncode != 0 or p.stderr.strip() or len(p.stdout.splitlines()) != 1:
                    sys.exit(f"jvm-options.py: '{name}' on {pl}: exit {p.returncode}\n{p.stdout}{p.stderr}")
                results[(name, pl)].append((e, m, c))
        print(f"  round {r + 1}/{args.runs} done", file=sys.stderr)
    print(f"load avg after:  {' '.join(open('/proc/loadavg').read().split()[:3])}")

    def col(xs, fmt):
        xs = sorted(xs)
        return "/".join(fmt % v for v in (xs[0], statistics.median(xs), xs[-1]))

    for pl in plans:
        print(f"\n{os.path.relpath(pl, ROOT)} ({args.runs} runs per set; min/median/max)")
        print(f"| {'options':<32} | {'wall s':>16} | {'cpu s (user+sys)':>16} | {'peak RSS MiB':>14} |")
        print(f"|{'-' * 34}|{'-' * 18}:|{'-' * 18}:|{'-' * 16}:|")
        for name, _ in resolved:
            xs = results[(name, pl)]
            print(f"| {name:<32} | {col([x[0] for x in xs], '%.2f'):>16} | {col([x[2] for x in xs], '%.2f'):>16} "
                  f"| {col([x[1] for x in xs], '%.0f'):>14} |")
    print("\noption sets:")
    for name, opts in resolved:
        print(f"  {name}: {opts or '(none)'}")


if __name__ == "__main__":
    main()
