#!/usr/bin/env bash
# Where 'cutover validate' spends its time, phase by phase (see ValidatePhases.java).
#
#   bench/profile/phases.sh [PLAN] [RUNS]    # defaults: bench/work/plan-2000.yaml, 7 runs
#
# Run bench/validate.sh first: this uses its snapshot of the build (bench/work/snapshot) and its
# plans. Each run is a fresh JVM with the launcher's JVM options (or CUTOVER_JAVA_OPTS); the
# plan is checked twice in that JVM, so "[round 2]" shows the same work without class loading.
# Prints min / median / max per phase, in milliseconds. picocli's start (about 0.2 s of CPU,
# measured with 'cutover --version') is not part of it: the harness calls the loader directly.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
snap="$root/bench/work/snapshot"
plan="${1:-$root/bench/work/plan-2000.yaml}"
runs="${2:-7}"
[ -f "$snap/target/cutover.jar" ] || { echo "phases.sh: run bench/validate.sh first" >&2; exit 2; }
out="$root/bench/work/profile"
rm -rf "$out"
mkdir -p "$out/classes"
cp="$snap/target/cutover.jar:$(ls "$snap"/target/lib/*.jar | tr '\n' ':')"
javac -d "$out/classes" -cp "$cp" "$root/bench/profile/ValidatePhases.java"
opts="${CUTOVER_JAVA_OPTS:-$(grep -o 'CUTOVER_JAVA_OPTS:-[^}]*' "$snap/bin/cutover" | sed 's/CUTOVER_JAVA_OPTS:-//')}"
echo "plan: $plan; JVM options: $opts; $runs runs; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= runs; i++)); do
  # shellcheck disable=SC2086 # the options are words
  java $opts -cp "$out/classes:$cp" io.cutover.load.ValidatePhases "$plan" 2 >"$out/run-$i.txt"
done
python3 - "$out" <<'PY'
import glob, re, statistics, sys
d, order = {}, []
for f in sorted(glob.glob(sys.argv[1] + "/run-*.txt")):
    for line in open(f):
        m = re.match(r"(.{60}) +([\d.]+)$", line.rstrip())
        if m:
            k = m.group(1).strip()
            if k not in d:
                order.append(k)
            d.setdefault(k, []).append(float(m.group(2)))
print(f"{'phase (ms)':<60} {'min':>7} {'median':>7} {'max':>7}")
for k in order:
    v = sorted(d[k])
    print(f"{k:<60} {v[0]:7.1f} {statistics.median(v):7.1f} {v[-1]:7.1f}")
PY
tail -n1 "$out/run-1.txt"
