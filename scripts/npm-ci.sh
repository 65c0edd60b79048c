#!/usr/bin/env bash
# Installs the npm workspace's packages when package-lock.json changed since
# the last install (npm ci is slow; skip it when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.suiji-lock-stamp
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
