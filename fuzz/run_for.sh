#!/bin/sh
# Fuzz for SECONDS (default 3600) in total. libFuzzer stops at the first crash and atheris has no
# fork mode, so the fuzzer is restarted until the time is used up; each crash input is kept.
#   fuzz/run_for.sh 3600 [WORKDIR]     (WORKDIR defaults to fuzz/work, which git ignores)
set -u
total=${1:-3600}
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-$here/work}
mkdir -p "$work/corpus" "$work/artifacts"
end=$(( $(date +%s) + total ))
runs=0
while [ "$(date +%s)" -lt "$end" ]; do
    left=$(( end - $(date +%s) ))
    runs=$((runs + 1))
    python "$here/fuzz_readers.py" "$work/corpus" "$here/seeds" \
        -dict="$here/report.dict" -max_total_time="$left" -timeout=30 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
        >>"$work/fuzz.log" 2>&1
    echo "run $runs ended with status $? at $(date -u +%H:%M:%S)" >>"$work/fuzz.log"
done
echo "fuzzed for ${total}s in $runs run(s); crash inputs: $(ls "$work/artifacts" | wc -l)" | tee -a "$work/fuzz.log"
