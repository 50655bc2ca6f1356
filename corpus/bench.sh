#!/usr/bin/env bash
# LeakGuard compile-time benchmark; writes BENCHMARKS.md at the repository root.
#
#   corpus/bench.sh               5 interleaved rounds x 3 configurations (EP checks off / EP defaults /
#                                 EP defaults + LeakGuard) over the bench=y libraries, then per-check timings
#   corpus/bench.sh --rounds 9    more rounds
#   corpus/bench.sh --daemon      repeated compilations in one JVM (heap after GC per iteration)
#   corpus/bench.sh --warm        the same configurations in one warm JVM (the cost in a build daemon)
#
# See docs/corpus.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ "${1:-}" == "--warm" ]]; then
  shift
  exec python3 "$here/corpus.py" warm "$@"
fi
if [[ "${1:-}" == "--daemon" ]]; then
  shift
  exec python3 "$here/corpus.py" daemon "$@"
fi
exec python3 "$here/corpus.py" bench "$@"
