#!/bin/sh
# Smoke test of the checkout path, used by the orders-to-service plan as the
# `checkout_ok` metric (measure: exit_ok): exits 0 when a dry-run checkout
# through the storefront API succeeds, non-zero otherwise.
set -eu
base="${STOREFRONT_URL:-http://storefront.internal:8080}"
curl --fail --silent --show-error --max-time 5 \
  -H 'Content-Type: application/json' \
  -H 'X-Dry-Run: true' \
  -d '{"sku": "SMOKE-TEST-0001", "quantity": 1, "customer_id": 0}' \
  "$base/api/checkout" > /dev/null
