#!/bin/sh
# lb-pool.sh drain|enable SERVICE   takes the service out of the load balancer pool, or puts it back.
set -eu
action="$1"
service="$2"
lb="${LB_ADMIN_URL:-http://lb-admin.internal:9000}"
case "$action" in
  drain)  state=drain ;;
  enable) state=active ;;
  *) echo "usage: lb-pool.sh drain|enable SERVICE" >&2; exit 2 ;;
esac
curl --fail --silent --show-error --max-time 10 -X PUT \
  -H 'Content-Type: application/json' \
  -d "{\"state\": \"$state\"}" \
  "$lb/api/pools/$service/state" > /dev/null
