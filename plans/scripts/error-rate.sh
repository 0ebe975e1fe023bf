#!/bin/sh
# Prints the gateway's share of 5xx answers over the last five minutes (0.0 .. 1.0),
# for a metric with measure: number.
set -eu
prom="${PROMETHEUS_URL:-http://prometheus.internal:9090}"
query='sum(rate(gateway_requests_total{code=~"5.."}[5m])) / sum(rate(gateway_requests_total[5m]))'
curl --fail --silent --show-error --max-time 5 --get --data-urlencode "query=$query" "$prom/api/v1/query" \
  | sed -n 's/.*"value":\[[^,]*,"\([0-9.eE+-]*\)"\].*/\1/p' \
  | grep . || echo 0
