#!/usr/bin/env bash
# The engine benchmark: 1,000 small SQL tasks (create table tN; insert a row) on PostgreSQL, run by
#   cutover   bin/cutover run (one plan, one task per table, default H2 state store)
#   flyway    flyway-core migrate of the same statements as 1,000 versioned files
#   loop      a bare JDBC loop, one commit per task: the floor
# each in a fresh database and its own JVM, side by side, R repetitions (default 5); then a cutover re-run
# with nothing to do. Run from the project root: bench/engine.sh [N] [R]
# Before each tool: a fresh database, a CHECKPOINT, `sync` and a pause (SETTLE seconds, default 3), so that no
# tool pays for the file system work of the previous one's dropped database. Each tool's CPU time (user + sys)
# is printed beside its wall time: on this shared virtual machine wall times of one build move by a factor of
# two between minutes (see docs/performance.md), CPU times much less.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}; R=${2:-5}; SETTLE=${SETTLE:-3}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}
work=bench/work/engine; rm -rf "$work"; mkdir -p "$work/flyway" bench/results
[ -f target/cutover.jar ] || mvn -q -B -DskipTests package
# The launcher makes its class-data archive on its first run after a build: not part of any measurement.
bin/cutover --version >/dev/null 2>&1 || true
mvn -q -B -f bench/engine/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="bench/engine/target/classes:$(cat bench/engine/target/cp.txt)"

{
  echo "cutover: 1"; echo "name: engine-bench"
  echo "datasources:"; echo "  app: {url: \"\${env.BENCH_URL}\", user: postgres}"
  echo "phases:"; echo "  - id: tables"; echo "    tasks:"
  for i in $(seq 1 "$N"); do
    echo "      - {id: t$i, type: sql, datasource: app, up: \"CREATE TABLE t$i (id INT PRIMARY KEY, v TEXT); INSERT INTO t$i VALUES (1, 'x$i');\", down: \"DROP TABLE t$i\"}"
    printf "CREATE TABLE t%d (id INT PRIMARY KEY, v TEXT);\nINSERT INTO t%d VALUES (1, 'x%d');\n" "$i" "$i" "$i" > "$work/flyway/V${i}__t${i}.sql"
  done
} > "$work/plan.yaml"

# A fresh database, then a CHECKPOINT, so that no tool pays for the previous one's dirty pages.
fresh() { psql -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "drop database if exists bench_engine with (force)" -c "create database bench_engine" -c "checkpoint" >/dev/null 2>&1; sync; sleep "$SETTLE"; }
url="jdbc:postgresql://$PGHOST:$PGPORT/bench_engine"
# secs COMMAND...: prints the wall seconds; the CPU seconds (user + sys) go to $work/cpu
secs() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/last.out" 2>&1 || { cat "$work/last.out"; exit 1; }
  read -r w u s < "$work/time"; echo "$u + $s" | bc > "$work/cpu"; echo "$w"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); PostgreSQL: $(psql -h "$PGHOST" -U postgres -tAc 'show server_version'); fsync $(psql -h "$PGHOST" -U postgres -tAc 'show fsync'), synchronous_commit $(psql -h "$PGHOST" -U postgres -tAc 'show synchronous_commit')"
echo "$N tasks, $R repetitions, wall time in seconds (JVM start included for all three)"
declare -A times cpus
ratios=""
for rep in $(seq 1 "$R"); do
  fresh; t=$(secs java -cp "$cp" bench.EngineBench loop "$url" "$N"); times[loop]+="$t "; cpus[loop]+="$(cat "$work/cpu") "; l=$t
  fresh; rm -rf "$work/state"
  t=$(BENCH_URL=$url secs bin/cutover run --ignore-window --state "jdbc:h2:file:$PWD/$work/state/cutover" "$work/plan.yaml"); times[cutover]+="$t "; cpus[cutover]+="$(cat "$work/cpu") "; c=$t
  psql -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "checkpoint" >/dev/null
  t=$(BENCH_URL=$url secs bin/cutover run --ignore-window --state "jdbc:h2:file:$PWD/$work/state/cutover" "$work/plan.yaml"); times[rerun]+="$t "; cpus[rerun]+="$(cat "$work/cpu") "
  fresh; t=$(secs java -cp "$cp" bench.EngineBench flyway "$url" "$work/flyway"); times[flyway]+="$t "; cpus[flyway]+="$(cat "$work/cpu") "
  ratios+="$(echo "scale=3; $c / $l" | bc) "
  echo "repetition $rep: loop $l  cutover $c (cutover/loop $(echo "scale=2; $c / $l" | bc))  flyway $(echo ${times[flyway]} | awk '{print $NF}')  cutover re-run $(echo ${times[rerun]} | awk '{print $NF}')"
done
stats() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "min %.2f  median %.2f  max %.2f", a[1], a[int((NR+1)/2)], a[NR]}'; }
med() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
for k in cutover flyway loop rerun; do printf "%-8s wall %s   cpu %s\n" "$k" "$(stats ${times[$k]})" "$(stats ${cpus[$k]})"; done
c=$(med ${times[cutover]}); f=$(med ${times[flyway]}); l=$(med ${times[loop]}); r=$(med ${times[rerun]})
echo
echo "cutover / flyway = $(echo "scale=2; $c / $f" | bc)  (goal: at most 0.50)"
echo "cutover / loop   = $(echo "scale=2; $c / $l" | bc)  (goal: at most 1.20); paired, each cutover run over the loop run just before it: $(stats $ratios)"
echo "re-run with nothing to do: ${r}s  (goal: under 1.5 s)"
