#!/usr/bin/env bash
# Installs the Debian packages the Redis cluster specs start themselves (redis-server, nginx),
# if they are not there yet. The specs run their own processes on free ports with temp dirs:
# no system service is started or needed.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's packages start system services on install; the specs do not use them.
if [ ${#missing[@]} -gt 0 ] && command -v service >/dev/null 2>&1; then
  service nginx stop >/dev/null 2>&1 || true
  service redis-server stop >/dev/null 2>&1 || true
fi
echo "redis-server $(/usr/bin/redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), $(/usr/sbin/nginx -v 2>&1)"
