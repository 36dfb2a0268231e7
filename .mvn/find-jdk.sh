# Sourced by ./mvnw and the rollcall launchers (bin/rollcall, rollcall-workbench): makes JAVA_HOME point at a
# Java 21 or newer.
# RollCall's bundles (and Eclipse BIRT 4.22) need Java 21; many machines default to 17.
rollcall_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
rollcall_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(rollcall_java_major "$JAVA_HOME/bin/java")
    [ "${v:-0}" -ge 21 ] 2>/dev/null && return 0
  fi
  if command -v java >/dev/null 2>&1; then
    v=$(rollcall_java_major java)
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); export JAVA_HOME; return 0
    fi
  fi
  set +f  # the caller may have disabled globbing
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$d/bin/java" ] || continue
    v=$(rollcall_java_major "$d/bin/java")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then JAVA_HOME="$d"; export JAVA_HOME; return 0; fi
  done
  echo "RollCall needs a JDK 21 or newer and found none: install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME." >&2
  return 1
}
rollcall_find_jdk || exit 1
# The flags RollCall's launchers give the JVM so that users see no warnings meant for developers: sqlite-jdbc loads
# its native library (restricted native access, JDK 22+), and protobuf (through Calcite's Avatica) uses
# sun.misc.Unsafe's memory access, which warns from JDK 24 on; the flag that allows it exists from JDK 23 on.
ROLLCALL_JAVA_MAJOR=$v
ROLLCALL_JVM_FLAGS="--enable-native-access=ALL-UNNAMED"
if [ "$ROLLCALL_JAVA_MAJOR" -ge 23 ] 2>/dev/null; then
  ROLLCALL_JVM_FLAGS="$ROLLCALL_JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
fi
