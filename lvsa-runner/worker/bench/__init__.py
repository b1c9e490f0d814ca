"""The worker's GPU benchmarks and checks, run from ``lvsa-runner/worker`` as ``python -m bench.<name>``."""
