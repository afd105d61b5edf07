#!/usr/bin/env bash
# CI: the Debian package end to end, as root on a clean Debian where no systemd runs (a container):
# verify the unit, install, run the installed binary directly as the tanhe user (API, metrics, doctor), a remote
# upgrade to a signed release and the automatic rollback of a broken one (test-upgrade.sh), upgrade to a second
# build, remove (data kept), purge (configuration, logs and releases gone, data still kept: see postrm).
#
#   test-deb.sh DEB DEB2   (DEB: built by `mvn -Pdeb -pl server/app -am package`; DEB2: a later build of it)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deb="$(readlink -f "$1")"
deb2="$(readlink -f "$2")"
[ "$(id -u)" = 0 ] || { echo "test-deb: run as root (it installs a package)" >&2; exit 2; }
port=18917
fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true' EXIT # never leave the terminal running
step() { echo "test-deb: $*"; }
if dpkg -s tanhe >/dev/null 2>&1; then fail "a tanhe package is installed already; this test needs a clean machine"; fi

step "install $(basename "$deb")"
dpkg -i "$deb" >/dev/null
getent passwd tanhe >/dev/null || fail "no tanhe user"
[ "$(stat -c '%a %U' /var/lib/tanhe)" = "700 tanhe" ] || fail "/var/lib/tanhe is $(stat -c '%a %U' /var/lib/tanhe), not 700 tanhe"
[ "$(stat -c '%U' /var/log/tanhe)" = tanhe ] || fail "/var/log/tanhe not owned by tanhe"
[ -f /etc/tanhe/site.yaml ] || fail "no /etc/tanhe/site.yaml"
/usr/lib/tanhe/runtime/bin/java -version 2>&1 | grep -q '"25' || fail "the bundled runtime is not Java 25"

step "systemd-analyze verify the installed unit"
systemd-analyze verify /lib/systemd/system/tanhe.service

step "run the installed binary as the service would (no systemd here): tanhe run as tanhe"
cd /
runuser -u tanhe -- env TANHE_LOG_DIR=/var/log/tanhe tanhe run --site /etc/tanhe/site.yaml --data-dir /var/lib/tanhe \
    --port "$port" > /tmp/tanhe-run.out 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  [ -f /var/lib/tanhe/cli.token ] && curl -fs -o /dev/null -H "Authorization: Bearer $(cat /var/lib/tanhe/cli.token)" \
      "http://127.0.0.1:$port/api/status" && break
  kill -0 "$pid" 2>/dev/null || { cat /tmp/tanhe-run.out; fail "tanhe run exited"; }
  sleep 1
done
token="$(cat /var/lib/tanhe/cli.token)"
sleep 5
curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics" > /tmp/tanhe-metrics.txt || fail "no /metrics"
grep -q '^tanhe_device_readings_total{' /tmp/tanhe-metrics.txt || fail "/metrics has no device readings"
curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/system" | grep -q '"version"' || fail "no /api/system"
[ -s /var/log/tanhe/tanhe.log ] || fail "nothing logged in /var/log/tanhe/tanhe.log"
runuser -u tanhe -- tanhe doctor --data-dir /var/lib/tanhe || fail "tanhe doctor finds the running terminal unhealthy"
kill -TERM "$pid"
wait "$pid" || true
pid=""
[ -f /var/lib/tanhe/tanhe.sqlite ] || fail "no store in /var/lib/tanhe"
before="$(dpkg-query -W -f='${Version}' tanhe)"

step "remote upgrade: a signed release uploaded, switched, restarted, kept; a broken one rolled back (test-upgrade.sh)"
[ "$(stat -c '%a %U' /opt/tanhe)" = "750 tanhe" ] || fail "/opt/tanhe is $(stat -c '%a %U' /opt/tanhe), not 750 tanhe"
"$here/test-upgrade.sh" /usr/lib/tanhe/bin/tanhe /opt/tanhe /var/lib/tanhe /etc/tanhe/site.yaml "$port" \
    /usr/lib/tanhe/lib/tanhe.jar tanhe
[ "$(readlink /opt/tanhe/current)" = releases/9.0.1 ] || fail "the remote release is not in use after test-upgrade"

step "upgrade to a second build ($(basename "$deb2"))"
dpkg -i "$deb2" >/dev/null
after="$(dpkg-query -W -f='${Version}' tanhe)"
dpkg --compare-versions "$after" gt "$before" || fail "the second build $after is not newer than $before"
[ -f /var/lib/tanhe/tanhe.sqlite ] || fail "the upgrade lost the store"
[ ! -e /opt/tanhe/current ] || fail "the Debian upgrade left the remote release in use (postinst removes /opt/tanhe/current)"
runuser -u tanhe -- tanhe doctor --data-dir /var/lib/tanhe > /tmp/tanhe-doctor.txt || { cat /tmp/tanhe-doctor.txt; fail "doctor after the upgrade"; }
grep -q '^ok *store' /tmp/tanhe-doctor.txt || { cat /tmp/tanhe-doctor.txt; fail "doctor does not find the store after the upgrade"; }

step "remove: the program goes, data, logs and configuration stay"
dpkg -r tanhe >/dev/null
[ ! -e /usr/bin/tanhe ] && [ ! -e /usr/lib/tanhe ] || fail "files left after remove"
[ -f /var/lib/tanhe/tanhe.sqlite ] || fail "remove deleted the data"
[ -f /etc/tanhe/site.yaml ] || fail "remove deleted the configuration"

step "purge: configuration and logs go, the emission data stays"
dpkg -P tanhe >/dev/null 2>&1
[ ! -e /etc/tanhe ] && [ ! -e /var/log/tanhe ] && [ ! -e /opt/tanhe ] || fail "purge left /etc/tanhe, /var/log/tanhe or /opt/tanhe"
[ -f /var/lib/tanhe/tanhe.sqlite ] || fail "purge deleted the emission data"
dpkg -s tanhe >/dev/null 2>&1 && fail "the package is still known to dpkg"
rm -rf /var/lib/tanhe
userdel tanhe
step "passed"
