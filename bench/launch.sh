# Shared by bench/run, bench/import and bench/live: builds the project if the benchmark classes are missing, then
# runs the benchmark class $1 with the remaining arguments. Generated data stays under bench/target.
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$root/bench/target/rollcall-bench-0.1.0-SNAPSHOT.jar" ]; then
  (cd "$root" && ./mvnw -B -q package -DskipTests)
fi
. "$root/.mvn/find-jdk.sh"
class=$1
shift
exec "$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED \
  -cp "$root/bench/target/rollcall-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*" \
  "org.rollcall.bench.$class" --data "$root/bench/target" "$@"
