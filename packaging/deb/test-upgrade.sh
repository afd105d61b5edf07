#!/usr/bin/env bash
# The remote upgrade end to end (docs/operations.md, remote upgrade), against an installed tanhe command and without
# systemd: a small loop does what the unit does (ExecStartPre `tanhe upgrade check` from the packaged build, ExecStart
# `tanhe run`, Restart=on-failure and RestartForceExitStatus=75, RestartSec). It trusts a release key, builds and signs
# a good release of JAR and a broken one (no program in it), uploads each with `tanhe remote upgrade --wait`, and
# checks that the good one is kept (it proved healthy: API, store, evaluation advancing) and the broken one is rolled
# back automatically (it never starts; after its allowed starts the check switches back). The data directory must hold
# a store already (the terminal ran once) and is never read or written by the upgrade itself.
#
#   test-upgrade.sh TANHE INSTALL_ROOT DATA_DIR SITE PORT JAR [USER]
#     TANHE: the launcher (the package's /usr/lib/tanhe/bin/tanhe); USER: run the terminal as this user (root only)
#     TANHE_TEST_KEEP_LOG=FILE keeps the loop's output (the terminal's starts and exit codes)
set -euo pipefail
tanhe="$1"; install_root="$2"; data="$3"; site="$4"; port="$5"; jar="$6"; user="${7:-}"
work="$(mktemp -d)"
if [ -n "$user" ]; then chown "$user" "$work"; fi # the terminal's user reads the key and writes the token here
as() { if [ -n "$user" ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
# as `as`, replacing the shell: started with &, $! is then the terminal's own process (runuser forwards signals)
as_exec() { if [ -n "$user" ]; then exec runuser -u "$user" -- "$@"; else exec "$@"; fi; }
fail() { echo "test-upgrade: FAILED: $*" >&2; tail -n 40 "$work/service.log" >&2 || true; exit 1; }
step() { echo "test-upgrade: $*"; }
export TANHE_INSTALL_ROOT="$install_root" TANHE_UPGRADE_WINDOW="${TANHE_UPGRADE_WINDOW:-90}"
loop=""
cleanup() { # stop the terminal and the loop; the work folder holds keys and a sysadmin token
  touch "$work/stop"
  if [ -f "$work/pid" ]; then kill -TERM "$(cat "$work/pid")" 2>/dev/null || true; fi
  if [ -n "$loop" ]; then wait "$loop" 2>/dev/null || true; fi
  if [ -n "${TANHE_TEST_KEEP_LOG:-}" ]; then cp "$work/service.log" "$TANHE_TEST_KEEP_LOG" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step "a release key, trusted to author application releases (tanhe trust, on the stopped terminal)"
"$tanhe" package keygen --name "Tanhe release team" -o "$work/release.key" >/dev/null
chmod 0644 "$work/release.key.pub"
as "$tanhe" trust add-key --data-dir "$data" "$work/release.key.pub" --author application,component >/dev/null
as "$tanhe" users token add upgrader --role sysadmin --out "$work/sysadmin.token" --data-dir "$data" >/dev/null
[ -s "$work/sysadmin.token" ] || fail "no sysadmin token"

step "build and sign release 9.0.1 (this build's jar) and 9.0.2 (broken: its jar is not a program)"
"$tanhe" upgrade build --jar "$jar" --version 9.0.1 -o "$work/good.tpkg"
"$tanhe" upgrade sign "$work/good.tpkg" --key "$work/release.key"
mkdir -p "$work/broken/lib"
echo "not a program" > "$work/broken/lib/tanhe.jar"
"$tanhe" upgrade build --dir "$work/broken" --version 9.0.2 -o "$work/broken.tpkg" >/dev/null
"$tanhe" upgrade sign "$work/broken.tpkg" --key "$work/release.key" >/dev/null
"$tanhe" package keygen --name "Someone else" -o "$work/other.key" >/dev/null
"$tanhe" upgrade build --jar "$jar" --version 9.0.3 -o "$work/untrusted.tpkg" >/dev/null
"$tanhe" upgrade sign "$work/untrusted.tpkg" --key "$work/other.key" >/dev/null

step "start the terminal as its unit would (check, run, restart on failure or exit 75)"
service() {
  while [ ! -f "$work/stop" ]; do
    as env TANHE_RELEASE=base "$tanhe" upgrade check || true
    as_exec "$tanhe" run --site "$site" --data-dir "$data" --port "$port" &
    echo $! > "$work/pid"
    rc=0; wait "$(cat "$work/pid")" || rc=$?
    echo "service: tanhe run exited with $rc"
    if [ "$rc" = 0 ] || [ -f "$work/stop" ]; then break; fi
    sleep 2 # RestartSec
  done
}
service > "$work/service.log" 2>&1 &
loop=$!
api_up() {
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null -H "Authorization: Bearer $(cat "$work/sysadmin.token")" "http://127.0.0.1:$port/api/upgrade" && return 0
    sleep 1
  done
  return 1
}
api_up || fail "the terminal's API did not come up"
remote() { "$tanhe" remote upgrade --url "http://127.0.0.1:$port" --token-file "$work/sysadmin.token" "$@"; }

step "refused: a release signed by a key the policy does not trust (nothing changes)"
if remote "$work/untrusted.tpkg" > "$work/refused.txt" 2>&1; then fail "an untrusted release was accepted"; fi
cat "$work/refused.txt"
grep -q "untrusted_key" "$work/refused.txt" || fail "the refusal does not say the key is untrusted"

step "upgrade to 9.0.1: switched, restarted, health-checked, kept"
remote "$work/good.tpkg" --wait 240 | tee "$work/good.txt"
grep -q "kept: 9.0.1 proved healthy" "$work/good.txt" || fail "9.0.1 was not kept"
api_up || fail "no API after the upgrade"
curl -fs -H "Authorization: Bearer $(cat "$work/sysadmin.token")" "http://127.0.0.1:$port/api/system" | grep -q '"release":"9.0.1"' \
  || fail "/api/system does not show release 9.0.1 running"
[ "$(readlink "$install_root/current")" = releases/9.0.1 ] || fail "current is not releases/9.0.1"

step "upgrade to the broken 9.0.2: it never starts; rolled back to 9.0.1 automatically"
remote "$work/broken.tpkg" --wait 300 | tee "$work/broken.txt"
grep -q "ROLLED BACK to 9.0.1" "$work/broken.txt" || fail "9.0.2 was not rolled back"
[ "$(readlink "$install_root/current")" = releases/9.0.1 ] || fail "current is not back on releases/9.0.1"
remote --status
as "$tanhe" upgrade status
grep -c "tanhe run exited with 75" "$work/service.log" | grep -q '^[2-9]' || fail "the terminal did not exit 75 for its restarts"
step "passed"
