#!/usr/bin/env bash
# Starts the external services the integration tests use (PostgreSQL on loopback).
# Prometheus and Chromium are started by the tests themselves, per test.
set -euo pipefail
case "${1:-start}" in
  start)
    if [ -x /usr/lib/postgresql/15/bin/postgres ]; then
      if ! pg_lsclusters 2>/dev/null | grep -q online; then
        pg_ctlcluster 15 main start 2>/dev/null || service postgresql start
      fi
      su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='hotline'\"" | grep -q 1 \
        || su postgres -c "psql -c \"CREATE ROLE hotline LOGIN PASSWORD 'hotline' CREATEDB\""
      su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='hotline_test'\"" | grep -q 1 \
        || su postgres -c "createdb -O hotline hotline_test"
      echo "ci: postgresql up (hotline@127.0.0.1:5432/hotline_test)"
    fi
    ;;
esac
