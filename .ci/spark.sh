#!/usr/bin/env bash
# CI: dechrome as a Spark RDD.pipe stage (examples/spark). Every record must come back,
# cleaned and in order, over several partitions with bad records in the middle.
# Needs Java 17 and network access to PyPI the first time (installs pyspark if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export SPARK_LOCAL_IP=127.0.0.1
command -v java >/dev/null || { echo "spark.sh: java not found (Spark needs Java 17)" >&2; exit 1; }
if ! python3 -c 'import pyspark' 2>/dev/null; then
  echo "== pip install pyspark"
  python3 -m pip install --quiet --disable-pip-version-check "pyspark==4.3.0"
fi
echo "== cargo build --release"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/dechrome"
echo "== examples/spark/check.py (pyspark $(python3 -c 'import pyspark; print(pyspark.__version__)'))"
python3 examples/spark/check.py --dechrome "$bin"
