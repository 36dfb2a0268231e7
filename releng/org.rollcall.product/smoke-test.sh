#!/usr/bin/env bash
# Unpacks the built workbench archive, starts it under a virtual display on a generated workspace with a
# query for the SQL console, and passes when the workbench logs that the query finished.
#   releng/org.rollcall.product/smoke-test.sh   (after ./mvnw verify; needs xvfb-run)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
archive=$(ls "$root"/releng/org.rollcall.product/target/products/rollcall-workbench-*-linux.gtk.x86_64.tar.gz)
work=$(mktemp -d)
# Stops the workbench and waits until it is gone before removing its folder (it writes its configuration until it
# exits; removing the folder under it failed the test).
cleanup() {
  launcher="$work/rollcall-workbench/plugins/org.eclipse.equinox.launcher"
  pkill -f "$launcher" 2>/dev/null || true
  for _ in $(seq 1 50); do
    pgrep -f "$launcher" >/dev/null 2>&1 || break
    sleep 0.2
  done
  pkill -9 -f "$launcher" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work" || true; }
}
trap cleanup EXIT
tar xzf "$archive" -C "$work"
"$root"/releng/rollcall-cli/target/rollcall-cli-*/rollcall/bin/rollcall generate --students 300 --years 1 \
  --out "$work/smoke.rollcall" 2>/dev/null
xvfb-run -a -s "-screen 0 1600x1000x24" "$work/rollcall-workbench/rollcall-workbench" -consoleLog \
  -data "$work/instance" -rollcall.workspace "$work/smoke.rollcall" \
  -rollcall.sql "select count(*) from daily_attendance" > "$work/workbench.log" 2>&1 &
for _ in $(seq 1 90); do
  if grep -q "Query finished: 1 row(s)" "$work/workbench.log"; then
    grep "Query finished" "$work/workbench.log"
    # Nothing meant for developers on the console: JVM warnings, SLF4J notices, stack traces.
    if grep -E "^WARNING:|SLF4J|^[[:space:]]+at [a-z]" "$work/workbench.log" >&2; then
      echo "Workbench smoke test FAILED: the lines above are not meant for users." >&2
      exit 1
    fi
    echo "Workbench smoke test: the product started, opened the workspace and ran the console query."
    exit 0
  fi
  sleep 2
done
echo "Workbench smoke test FAILED: no finished query in 180 s. Log:" >&2
cat "$work/workbench.log" >&2
exit 1
