"""The benchmarks, each run as `python -m benchmarks.NAME` from the checkout's root (scripts/bench.sh)."""
