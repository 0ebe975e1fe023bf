#!/usr/bin/env bash
# Installs what the review tests' Mermaid check needs (MermaidRenderTest): Debian's chromium and the
# pinned npm packages of this folder (@mermaid-js/mermaid-cli, puppeteer without its own browser).
# Idempotent and quick when everything is there; .ci/run calls it before 'mvn verify'.
# Exits non-zero when something cannot be installed (without it the test is skipped, not failed).
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "mermaid-check: missing ${need_apt[*]}; install them (Debian: apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
  echo "mermaid-check: installing ${need_apt[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x node_modules/.bin/mmdc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "mermaid-check: npm ci (mermaid-cli, puppeteer without a browser download)"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
echo "mermaid-check: ready ($(node --version), mermaid-cli $(node -p 'require("./node_modules/@mermaid-js/mermaid-cli/package.json").version'), $(chromium --version 2>/dev/null | head -n 1))"
