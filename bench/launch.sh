# Shared by bench/run, bench/import and bench/live (sourced after setting bench_class): builds the project if the
# benchmark classes are missing, then runs that benchmark class with the script's arguments. Generated data stays
# under bench/target, or in $ROLLCALL_BENCH_DATA when set (CI runs each benchmark small in a folder of its own).
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$root/bench/target/rollcall-bench-0.1.0-SNAPSHOT.jar" ]; then
  (cd "$root" && ./mvnw -B -q package -DskipTests)
fi
. "$root/.mvn/find-jdk.sh"
exec "$JAVA_HOME/bin/java" -Xmx8g $ROLLCALL_JVM_FLAGS \
  -cp "$root/bench/target/rollcall-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*" \
  "org.rollcall.bench.$bench_class" --data "${ROLLCALL_BENCH_DATA:-$root/bench/target}" "$@"
