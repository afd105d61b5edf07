#!/bin/sh
# The installed tanhe command: the bundled Java runtime (jlink'd Java 25) with the launcher's defaults for a small
# industrial PC (see the source tree's ./tanhe). TANHE_JAVA_OPTS replaces the defaults; TANHE_LOG_DIR moves the log
# of `run` (the service: /var/log/tanhe).
set -eu
here="$(dirname "$(readlink -f "$0")")"
root="$(dirname "$here")"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
defaults="-Xmx${TANHE_HEAP:-128m} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k"
logdir=""
if [ -n "${TANHE_LOG_DIR:-}" ]; then logdir="-Dtanhe.log.dir=$TANHE_LOG_DIR"; fi
# shellcheck disable=SC2086
exec "$root/runtime/bin/java" ${TANHE_JAVA_OPTS:-$defaults} $logdir -jar "$root/lib/tanhe.jar" "$@"
