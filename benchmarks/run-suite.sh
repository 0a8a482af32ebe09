#!/bin/sh
# The whole side-by-side suite, one part at a time, each a few minutes and each under the shared
# lock so builds and other benchmarks neither disturb it nor are disturbed. Run from the repository
# root after: mvn -B -q package -DskipTests -Pbench -pl benchmarks -am
# Extra options go to every part, e.g. --out DIR or --java /usr/lib/jvm/temurin-25-jdk-amd64.
set -e
LOCK=${SLUICE_BENCH_LOCK:-/tmp/mvn.lock}
suite() {
  echo "== $*"
  flock "$LOCK" java -cp benchmarks/target/benchmarks.jar io.sluice.benchmarks.suite.Suite "$@"
}
suite inprocess --db sqlite "$@"
suite inprocess --db postgresql --figures cold "$@"
suite inprocess --db postgresql --figures uptodate "$@"
suite interleaved "$@"
suite fresh-jvm --db sqlite "$@"
suite fresh-jvm --db postgresql "$@"
suite agent "$@"
suite backup "$@"
suite pgbackup "$@"
suite fleet "$@"
suite costmodel --db sqlite "$@"
suite costmodel --db postgresql "$@"
suite scaling --db sqlite "$@"
suite scaling --db postgresql --figures cold "$@"
suite scaling --db postgresql --figures uptodate "$@"
suite report "$@"
