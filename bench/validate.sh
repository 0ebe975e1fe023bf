#!/usr/bin/env bash
# Benchmark of 'cutover validate': wall time and peak RSS of the whole process (JVM start
# included), for a generated 2,000-task plan and for a tiny plan (the JVM start-up floor).
#
#   bench/validate.sh [RUNS]            # RUNS defaults to 10 (or $R)
#
# Environment:
#   R=10                   runs per plan (the first argument wins)
#   TASKS=2000             tasks in the generated plan
#   CUTOVER_JAVA_OPTS=...  passed through to bin/cutover (unset or empty: the launcher's defaults)
#   APPCDS=1               measure with an application class-data-sharing archive (JDK 17:
#                          -XX:ArchiveClassesAtExit once on the tiny plan, then -XX:SharedArchiveFile),
#                          added to CUTOVER_JAVA_OPTS (or to the launcher's defaults)
# Compare option sets on one build, round robin: bench/jvm-options.py (after this script).
#
# Nothing is warmed up: every run is a fresh 'bin/cutover validate', as a user or CI runs it.
# Goal (docs/performance.md): the 2,000-task plan validates in under 1.5 s of wall time and
# 256 MiB of peak RSS, judged on the median run. The script prints PASS/MISS per goal and
# exits 0 either way; it exits non-zero only when it cannot run or a validate run fails.
# Needs bash, python3 and GNU time (/usr/bin/time). Files go to bench/work/ (git-ignored).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs="${1:-${R:-10}}"
tasks="${TASKS:-2000}"
goal_s="1.5"
goal_mib="256"
tiny_src="$root/../shared/acceptance/cases/validate-seed-plan-ok/plan.yaml"
work="$root/bench/work"

case "$runs" in
  ''|*[!0-9]*|0) echo "validate.sh: RUNS must be a positive integer, not '$runs'" >&2; exit 2 ;;
esac

timebin=/usr/bin/time
if [ ! -x "$timebin" ] || ! "$timebin" -f '%e %M' true >/dev/null 2>&1; then
  echo "validate.sh: GNU time is needed at /usr/bin/time (the shell's 'time' keyword cannot report peak RSS)." >&2
  echo "  install it: apt-get install -y time    (Debian/Ubuntu; Fedora/RHEL: dnf install -y time; Alpine: apk add time)" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "validate.sh: python3 is needed (bench/gen-plan.py)" >&2; exit 2; }
command -v java >/dev/null || { echo "validate.sh: java (17+) is needed" >&2; exit 2; }

if [ ! -f "$root/target/cutover.jar" ]; then
  echo "== target/cutover.jar is missing: building it (mvn -q -B package -DskipTests)"
  mvn -q -B package -DskipTests
fi

mkdir -p "$work"
# Measure one fixed build: a snapshot of bin/cutover, target/cutover.jar and target/lib in
# bench/work/snapshot (bin/cutover finds the jar next to itself), so that a 'mvn package' running
# at the same time cannot swap classes under a run. The launcher and its JVM options are the
# project's own, copied as they are now.
snap="$work/snapshot"
rm -rf "$snap"
mkdir -p "$snap/bin" "$snap/target"
cp -p bin/cutover "$snap/bin/cutover"
cp -p target/cutover.jar "$snap/target/cutover.jar"   # -p: CDS checks the jars' mtimes
cp -rp target/lib "$snap/target/lib"
if ! python3 -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' "$snap/target/cutover.jar" 2>/dev/null; then
  echo "validate.sh: target/cutover.jar is not a complete jar (a build running right now?): try again" >&2
  exit 2
fi
launcher="$snap/bin/cutover"
big="$work/plan-$tasks.yaml"
tiny="$work/plan-tiny.yaml"
python3 "$root/bench/gen-plan.py" --tasks "$tasks" -o "$big"
if [ ! -f "$tiny_src" ]; then
  # A checkout without ../shared: the nearest tiny plan in the project (same tasks, a few more keys).
  echo "validate.sh: $tiny_src is missing; using plans/user-preferences.yaml as the tiny plan" >&2
  tiny_src="$root/plans/user-preferences.yaml"
fi
cp "$tiny_src" "$tiny"

launcher_defaults="$(grep -o 'CUTOVER_JAVA_OPTS:-[^}]*' "$launcher" | sed 's/CUTOVER_JAVA_OPTS:-//')"
cds_note=""
if [ "${APPCDS:-0}" = 1 ]; then
  # JDK 17 has no -XX:+AutoCreateSharedArchive (JDK 19+): dump the loaded classes once at exit of a
  # training run, then map them at start. -Xlog:cds=off keeps the JVM's CDS warnings (picocli's
  # Java 5 classes cannot be archived; a stale archive is ignored) out of the command's output.
  jsa="$snap/cutover.jsa"
  cds_quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
  base_opts="${CUTOVER_JAVA_OPTS:-$launcher_defaults}"
  dump_rc=0
  "$timebin" -o "$work/time.out" -f '%e %M' env CUTOVER_JAVA_OPTS="$base_opts -XX:ArchiveClassesAtExit=$jsa $cds_quiet" \
    "$launcher" validate "$tiny" >/dev/null 2>"$work/cds-dump.err" || dump_rc=$?
  if [ "$dump_rc" -ne 0 ] || [ ! -f "$jsa" ]; then
    echo "validate.sh: creating the CDS archive failed (exit $dump_rc)" >&2
    cat "$work/cds-dump.err" >&2
    exit 1
  fi
  read -r dump_s dump_kib <"$work/time.out"
  cds_note="$(awk -v f="${jsa#"$root"/}" -v b="$(stat -c %s "$jsa")" -v s="$dump_s" -v k="$dump_kib" 'BEGIN {
    printf "archive %s (%.1f MiB), made by one training run on the tiny plan: %.2f s, %.1f MiB peak", f, b / 1048576, s, k / 1024 }')"
  export CUTOVER_JAVA_OPTS="$base_opts -XX:SharedArchiveFile=$jsa $cds_quiet"
fi

echo "== machine"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:      $(nproc)"
echo "cpu:        $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
echo "memory:     $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || echo unknown)"
echo "kernel:     $(uname -sr)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime) (1/5/15 min, before the runs)"
echo "java:       $(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
if [ -n "${CUTOVER_JAVA_OPTS:-}" ]; then
  echo "JVM opts:   CUTOVER_JAVA_OPTS='$CUTOVER_JAVA_OPTS'"
else
  echo "JVM opts:   bin/cutover defaults ($launcher_defaults)"
fi
[ -z "$cds_note" ] || echo "AppCDS:     $cds_note"
echo "git:        $(git -C "$root" log -1 --format='commit %h (%cd)' --date=short 2>/dev/null || echo 'not a git checkout')$(git -C "$root" status --porcelain --untracked-files=no -- src pom.xml 2>/dev/null | grep -q . && echo ' + uncommitted changes in src/ or pom.xml')"
echo "jar:        target/cutover.jar built $(date -u -r "$snap/target/cutover.jar" +%Y-%m-%dT%H:%M:%SZ), $(stat -c %s "$snap/target/cutover.jar") bytes, $(ls "$snap/target/lib" | wc -l) jars in target/lib (run from the snapshot ${snap#"$root"/})"
echo "plan:       ${big#"$root"/} ($(stat -c %s "$big") bytes, $(wc -l <"$big") lines)"
echo "tiny plan:  ${tiny#"$root"/} ($(stat -c %s "$tiny") bytes, copy of $(realpath --relative-to="$root" "$tiny_src"))"
echo "command:    /usr/bin/time -f '%e %M %U %S' bin/cutover validate PLAN   ($runs runs per plan, no warm-up; bin/cutover = ${launcher#"$root"/})"

busy="$(awk -v n="$(nproc)" '{print ($1 > n / 2) ? "yes" : "no"}' /proc/loadavg 2>/dev/null || echo no)"
if [ "$busy" = yes ]; then
  echo "WARNING:    the 1-minute load average is above nproc/2: other work shares the CPUs, expect noisy figures"
fi

# one_run LABEL PLAN I: one timed 'bin/cutover validate PLAN'; appends "wall_s peak_kib user_s sys_s" to $work/LABEL.tsv
one_run() {
  local label="$1" plan="$2" i="$3" rc=0
  "$timebin" -o "$work/time.out" -f '%e %M %U %S' "$launcher" validate "$plan" \
    >"$work/$label.out" 2>"$work/$label.err" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "validate.sh: run $i of $label: bin/cutover validate exited $rc" >&2
    cat "$work/$label.out" "$work/$label.err" "$work/time.out" >&2
    exit 1
  fi
  tail -n1 "$work/time.out" >>"$work/$label.tsv"
}

# The two plans take turns (big, tiny, big, tiny, ...) so that both see the same background load.
big_label="plan-$tasks"
: >"$work/$big_label.tsv"
: >"$work/plan-tiny.tsv"
echo
echo "== runs (wall time, peak RSS, CPU time = user + sys; the plans alternate)"
printf '%5s   %-32s %-32s\n' run "$big_label" "plan-tiny"
for ((i = 1; i <= runs; i++)); do
  one_run "$big_label" "$big" "$i"
  one_run plan-tiny "$tiny" "$i"
  paste -d' ' <(tail -n1 "$work/$big_label.tsv") <(tail -n1 "$work/plan-tiny.tsv") |
    awk -v i="$i" '{printf "%5d   %5.2f s %6.1f MiB cpu %5.2f s   %5.2f s %6.1f MiB cpu %5.2f s\n", i, $1, $2 / 1024, $3 + $4, $5, $6 / 1024, $7 + $8}'
done
echo "output: $(head -n1 "$work/$big_label.out")"
echo "output: $(head -n1 "$work/plan-tiny.out")"

# stats LABEL: prints min/median/max of wall time, peak RSS and CPU; writes "median_s median_mib max_s max_mib" to $work/LABEL.stats
stats() {
  python3 - "$work/$1.tsv" "$1" "$work/$1.stats" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
secs = sorted(float(r[0]) for r in rows)
mib = sorted(int(r[1]) / 1024 for r in rows)
cpu = sorted(float(r[2]) + float(r[3]) for r in rows)
def line(name, xs, fmt):
    spread = xs[-1] - xs[0]
    med = statistics.median(xs)
    return (f"  {name:<9} {fmt % xs[0]:>8} {fmt % med:>8} {fmt % xs[-1]:>8}"
            f"   spread {fmt % spread} ({100 * spread / med:.0f}% of the median)")
print(f"{sys.argv[2]} ({len(rows)} runs)")
print(f"  {'':<9} {'min':>8} {'median':>8} {'max':>8}")
print(line("wall s", secs, "%.2f"))
print(line("peak MiB", mib, "%.1f"))
print(line("cpu s", cpu, "%.2f"))
with open(sys.argv[3], "w") as f:
    # Rounded as in the table above, so that the goal lines quote the same figures.
    f.write(f"{statistics.median(secs):.2f} {statistics.median(mib):.1f} {secs[-1]:.2f} {mib[-1]:.1f}\n")
PY
}

echo
echo "== summary (min / median / max; /usr/bin/time reports wall time to 0.01 s)"
stats "$big_label"
stats "plan-tiny"
read -r med_s med_mib max_s max_mib <"$work/$big_label.stats"
read -r tiny_s tiny_mib _ _ <"$work/plan-tiny.stats"
echo
echo "== goal for the $tasks-task plan, on the median run (the worst run in brackets)"
verdict() { python3 -c "import sys; print('PASS' if float(sys.argv[1]) < float(sys.argv[2]) else 'MISS')" "$1" "$2"; }
printf '  wall time < %s s:    %s  (median %s s, max %s s; the tiny plan takes %s s: JVM start-up floor)\n' \
  "$goal_s" "$(verdict "$med_s" "$goal_s")" "$med_s" "$max_s" "$tiny_s"
printf '  peak RSS  < %s MiB:  %s  (median %s MiB, max %s MiB; the tiny plan takes %s MiB)\n' \
  "$goal_mib" "$(verdict "$med_mib" "$goal_mib")" "$med_mib" "$max_mib" "$tiny_mib"
echo "  load avg after the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
exit 0
