#!/usr/bin/env python3
"""Clean a JSONL data set with dechrome as a Spark `RDD.pipe` stage.

Every input line is one JSON object with the page in its `html` or `text` field (and its URL
in `url`). Each Spark task starts one `dechrome clean --jsonl -j 1` process, streams its
partition's lines through it and reads back exactly one line per input line, in order: the
same object with a `dechrome` object added. A record dechrome cannot clean comes back with
`dechrome.error` and dechrome still exits 0, so one bad record never fails a task.

    python3 examples/spark/pipe_jsonl.py --dechrome target/release/dechrome \
        --partitions 8 pages.jsonl.gz cleaned/

Runs Spark in local mode with all cores (`--master` to change). On a cluster, ship the
binary with `spark-submit --files /path/to/dechrome` and pass `--dechrome ./dechrome`.
"""
import argparse
import os
import shlex
import sys


def dechrome_command(dechrome="dechrome", extra=()):
    """The command line of the pipe stage: one worker thread per task (Spark runs one task
    per core already)."""
    return shlex.join([dechrome, "clean", "--jsonl", "-j", "1", *extra])


def clean(rdd, dechrome="dechrome", extra=()):
    """`rdd` of JSONL lines -> `rdd` of the same records with `dechrome` added.

    `checkCode=True`: a dechrome failure (unreadable rule file, crash) fails the task instead
    of silently losing records; bad records do not make dechrome exit non-zero."""
    return rdd.pipe(dechrome_command(dechrome, extra), checkCode=True)


def session(master="local[*]", app="dechrome"):
    """A Spark session for local runs: binds to the loopback address, quiet logs."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSONL file, folder or glob (plain or .gz)")
    ap.add_argument("output", help="output folder (Spark writes part-* files)")
    ap.add_argument("--dechrome", default="dechrome", help="path of the dechrome binary")
    ap.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    ap.add_argument("--master", default="local[*]")
    ap.add_argument(
        "extra", nargs="*", help="extra `dechrome clean` options after `--`, e.g. -- --field page"
    )
    args = ap.parse_args()
    spark = session(args.master)
    sc = spark.sparkContext
    lines = sc.textFile(args.input, minPartitions=args.partitions)
    clean(lines, args.dechrome, args.extra).saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
