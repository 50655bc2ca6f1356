#!/usr/bin/env bash
# LeakGuard corpus run: compiles real open-source libraries (corpus/libraries.tsv) from their
# -sources.jar with javac + Error Prone + every LeakGuard check, and records crashes and findings.
#
#   corpus/run.sh                 full corpus  -> corpus/results/{summary.md,findings.jsonl,crashes.jsonl,status.json}
#   corpus/run.sh --slice         CI slice     -> corpus/work/results-slice/ (a few minutes on 2 cores)
#   corpus/run.sh --libs guava    some libraries
#   corpus/run.sh --help          all options
#
# Exit status: 0 ok; 3 a LeakGuard check crashed; 2 a library did not compile (so it was not
# checked for crashes; --allow-failures ignores that); 1 the runner itself failed.
# Uses the checks jar in checks/target (builds it if absent; --build rebuilds it). See docs/corpus.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 "$here/corpus.py" run "$@"
