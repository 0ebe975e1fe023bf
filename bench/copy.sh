#!/usr/bin/env bash
# The copy benchmark: an `orders` table of N rows (default 5,000,000: bigint key, 6 columns, ~600 MB)
# from one PostgreSQL database to another, side by side in one run:
#   pipe      psql "\copy (select ...) to stdout" | psql "\copy ... from stdin"
#   pgloader  pgloader (Debian package), if installed
#   cutover   bin/cutover run of a copy task (binary COPY, checkpoint per batch), peak memory of the whole JVM
#   verify    bin/cutover run of a verify task with row_count and checksum over the copied table
# Wall times in seconds and peak RSS; R repetitions (default 1), then the min and median of each tool.
# A CHECKPOINT before each tool, so that none pays for the dirty pages and WAL of the one before.
# Run from the project root:
#   bench/copy.sh [N] [R] [BATCH]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000000}; R=${2:-1}; BATCH=${3:-100000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
work=bench/work/copy; rm -rf "$work"; mkdir -p "$work"
[ -f target/cutover.jar ] || mvn -q -B -DskipTests package
# The launcher makes its class-data archive on its first run after a build: not part of any measurement.
bin/cutover --version >/dev/null 2>&1 || true
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install -y time"; exit 2; }
db() { psql -q -d postgres -c "drop database if exists $1 with (force)" -c "create database $1" >/dev/null 2>&1; }
target_table() { psql -q -d bench_copy_dst -c "create table orders(id bigint primary key, customer_id bigint not null, status text not null, amount numeric(12,2) not null, note text, created_at timestamptz not null)"; }
measure() { # label command...: prints "seconds peak_kb"
  local label=$1; shift
  psql -q -d postgres -c checkpoint >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$label.out" 2>&1 || { echo "$label failed:" >&2; tail -20 "$work/$label.out" >&2; exit 1; }
  cat "$work/time"
}
report() { # label seconds peak_kb: prints the line and keeps the figures for the summary
  printf "%-10s %10.2f %12.0f %14.0f\n" "$1" "$2" "$(echo "$N / $2" | bc)" "$(echo "$3 / 1024" | bc)"
  echo "$1 $2 $3" >> "$work/results"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL $(psql -tAc 'show server_version' -d postgres), shared_buffers $(psql -tAc 'show shared_buffers' -d postgres), $(java -version 2>&1 | head -1)"
db bench_copy_src
psql -q -d bench_copy_src -c "create table orders(id bigint primary key, customer_id bigint not null, status text not null, amount numeric(12,2) not null, note text, created_at timestamptz not null);
  insert into orders select g, g % 100000, (array['new','paid','shipped','cancelled'])[1 + g % 4], (g % 100000) / 100.0,
    case when g % 50 = 0 then null else md5(g::text) || md5((g * 7)::text) end, timestamptz '2020-01-01 00:00:00+00' + (g || ' seconds')::interval
  from generate_series(1, $N) g;" -c "vacuum analyze orders"
echo "source: $N rows, $(psql -tAc "select pg_size_pretty(pg_total_relation_size('orders'))" -d bench_copy_src)"
cat > "$work/plan.yaml" <<YAML
cutover: 1
name: bench-copy
datasources:
  legacy: {url: "jdbc:postgresql://$PGHOST:$PGPORT/bench_copy_src", user: $PGUSER}
  app: {url: "jdbc:postgresql://$PGHOST:$PGPORT/bench_copy_dst", user: $PGUSER}
phases:
  - id: data
    tasks:
      - id: copy-orders
        type: copy
        source: {datasource: legacy, table: orders}
        target: {datasource: app, table: orders}
        batch_size: $BATCH
        checks: []
        down: truncate
YAML
cat > "$work/verify.yaml" <<YAML
cutover: 1
name: bench-verify
datasources:
  legacy: {url: "jdbc:postgresql://$PGHOST:$PGPORT/bench_copy_src", user: $PGUSER}
  app: {url: "jdbc:postgresql://$PGHOST:$PGPORT/bench_copy_dst", user: $PGUSER}
phases:
  - id: check
    tasks:
      - id: compare
        type: verify
        source: {datasource: legacy, table: orders}
        target: {datasource: app, table: orders}
        checks: [row_count, checksum]
YAML
cat > "$work/pgloader.load" <<LOAD
LOAD DATABASE FROM postgresql://$PGUSER@$PGHOST:$PGPORT/bench_copy_src
     INTO postgresql://$PGUSER@$PGHOST:$PGPORT/bench_copy_dst
 WITH data only, truncate, workers = 2, concurrency = 1
 INCLUDING ONLY TABLE NAMES MATCHING 'orders' IN SCHEMA 'public';
LOAD
printf "%-10s %10s %12s %14s\n" tool seconds "rows/s" "peak RSS MiB"
for rep in $(seq 1 "$R"); do
  db bench_copy_dst; target_table
  read s m < <(measure pipe bash -c "psql -d bench_copy_src -c '\\copy (select * from orders) to stdout' | psql -d bench_copy_dst -c '\\copy orders from stdin'")
  report pipe "$s" "$m"
  if [ "${SKIP_PGLOADER:-0}" = 1 ]; then
    echo "pgloader   (skipped: SKIP_PGLOADER=1)"
  elif command -v pgloader >/dev/null; then
    db bench_copy_dst; target_table; psql -q -d postgres -c checkpoint >/dev/null
    if /usr/bin/time -f "%e %M" -o "$work/time" pgloader "$work/pgloader.load" >"$work/pgloader.out" 2>&1; then
      read s m < "$work/time"
      report pgloader "$s" "$m"
    else
      echo "pgloader   failed after $(cut -d' ' -f1 < "$work/time" | tail -1) s: $(grep -m1 -E 'exhausted|ERROR|FATAL' "$work/pgloader.out" || tail -1 "$work/pgloader.out")"
    fi
  else
    echo "pgloader   (not installed: apt-get install -y pgloader)"
  fi
  db bench_copy_dst; target_table; rm -rf "$work/state"
  read s m < <(measure cutover bin/cutover run --ignore-window --state "jdbc:h2:file:$PWD/$work/state/c" "$work/plan.yaml")
  report cutover "$s" "$m"
  [ "$(psql -tAc 'select count(*) from orders' -d bench_copy_dst)" = "$N" ] || { echo "cutover copied a wrong number of rows"; exit 1; }
  read s m < <(measure verify bin/cutover run --ignore-window --state "jdbc:h2:file:$PWD/$work/state/v" "$work/verify.yaml")
  report verify "$s" "$m"
done
echo "over $R run(s), min / median seconds, max peak RSS MiB; load now $(cut -d' ' -f1-3 /proc/loadavg):"
for tool in pipe pgloader cutover verify; do
  { grep "^$tool " "$work/results" 2>/dev/null || true; } | sort -k2,2n | awk -v t="$tool" '{s[NR] = $2; if ($3 > m) m = $3}
    END {if (NR) printf "%-10s %6.2f / %6.2f %14.0f\n", t, s[1], (NR % 2 ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2), m / 1024}'
done
p=$(awk '$1 == "pipe" {print $2}' "$work/results" | sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
c=$(awk '$1 == "cutover" {print $2}' "$work/results" | sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')
echo "cutover's throughput on the medians: $(echo "scale=2; $p / $c" | bc)x the pipe's (goal >= 1.2x); per run:" \
  "$(paste -d' ' <(awk '$1 == "pipe" {print $2}' "$work/results") <(awk '$1 == "cutover" {print $2}' "$work/results") | awk '{printf "%.2fx ", $1 / $2}')"
