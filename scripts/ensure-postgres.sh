#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster if nothing answers on PGHOST:PGPORT (default 127.0.0.1:5432).
set -euo pipefail
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}

if pg_isready -h "$host" -p "$port" -q; then
  exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version ..."
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -h "$host" -p "$port" -q && exit 0
  sleep 1
done
echo "PostgreSQL is not answering on $host:$port" >&2
exit 1
