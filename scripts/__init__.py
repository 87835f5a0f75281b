"""The project's scripts, importable as a package (`from scripts import harness`) by the tests, the
benchmarks and each other; each one with a command line runs as `python -m scripts.NAME` from the
checkout's root."""
