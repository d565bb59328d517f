#!/usr/bin/env bash
# Runs one cargo-fuzz target for a number of seconds:  scripts/fuzz.sh TARGET SECONDS
# Targets: syntax, expr, analysis, lsp_frames, lsp_session (fuzz/fuzz_targets/). Needs a nightly
# toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The seed corpus is copied from
# ../shared (corpus files, JSONTestSuite) into fuzz/corpus/TARGET, which is not committed; one
# process, one job: the machine is shared. A crash leaves its input in fuzz/artifacts/TARGET/
# and a non-zero status; replay it with `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/<file>`.
set -euo pipefail
cd "$(dirname "$0")/.."

targets="syntax expr analysis lsp_frames lsp_session"
target=${1:-}
seconds=${2:-}
if [[ -z "$target" || -z "$seconds" || ! " $targets " =~ " $target " || ! "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS   (TARGET: ${targets// /, })" >&2
  exit 2
fi
shared=../shared
[ -d "$shared/corpus" ] || { echo "error: ../shared (the shared test material) must sit beside the repository" >&2; exit 2; }
command -v cargo-fuzz >/dev/null || { echo "error: cargo-fuzz is missing: cargo install cargo-fuzz" >&2; exit 2; }

seeds=fuzz/corpus/$target
mkdir -p "$seeds"
# A seed file named after its content's hash, so reseeding adds nothing twice.
seed() { local f; f=$(mktemp); cat >"$f"; mv "$f" "$seeds/seed-$(sha1sum <"$f" | cut -c1-16)"; }
# NUL-separated: corpus paths hold spaces.
corpus_files() { find "$shared/corpus" "$shared/corpus-extra" -name '*.json' -size -64k -print0 2>/dev/null | sort -z; }

case $target in
  syntax)
    { corpus_files; find "$shared/jsontestsuite" -name '*.json' -print0 | sort -z; } |
      while IFS= read -r -d '' f; do seed <"$f"; done
    ;;
  expr)
    # The expressions the corpus holds, one per seed (the JSON quotes dropped, escapes kept).
    corpus_files | xargs -0 grep -hoE '"@[^"]{1,400}"' | sort -u | head -3000 | while IFS= read -r line; do
      line=${line#\"}; printf '%s' "${line%\"}" | seed
    done
    ;;
  analysis)
    # The first byte picks the path the text is checked under (fuzz/fuzz_targets/analysis.rs).
    corpus_files | while IFS= read -r -d '' f; do
      case $f in
        */pipeline/*) k=0 ;; */dataset/*) k=1 ;; */linkedService/*) k=2 ;; */trigger/*) k=3 ;;
        *ARMTemplateParametersForFactory*) k=5 ;; *ARMTemplateForFactory*|*arm_template*) k=4 ;; *) k=6 ;;
      esac
      { printf "\\x0$k"; cat "$f"; } | seed
    done
    ;;
  lsp_frames)
    body='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
    printf '\x07Content-Length: %d\r\n\r\n%s' ${#body} "$body" | seed
    printf '\x01content-length: 2\r\nContent-Type: x\r\n\r\n[]Content-Length: 4\r\n\r\n{"a"' | seed
    printf '\x40Content-Length: 99999999999\r\n\r\nContent-Length: abc\r\n\r\n{"jsonrpc":"1.0","id":7,"method":"x"}' | seed
    printf '\x03garbage\r\n\r\nContent-Length: 30\r\n\r\n[{"jsonrpc":"2.0","method":"exit"}]' | seed
    ;;
  lsp_session)
    # Op bytes then arguments (fuzz/fuzz_targets/lsp_session.rs): open, edit, query, close.
    printf '\x00\x00\x00\x01\x10\x01\x09\x01\x00\x02\x00\x05\x03\x05\x00\x00\x01x\x00\x00\x02\x00' | seed
    printf '\x00\x03\x01\x0a{"name":1}\x01\x03\x09\x01\x07\x05\x07\x03\x00\x03ab\x02\x03' | seed
    printf '\x00\x04\x00\x00\x00\x05\x04\x0b\x02\x07\x00\x00\x00\x00\x08\x00\x05garba\x09\x00\x03xyz' | seed
    ;;
esac
echo "== $target: $(ls "$seeds" | wc -l) in $seeds; running for $seconds s"
# -close_fd_mask=2: the server logs every skipped frame to stderr.
extra=()
[[ $target == lsp_* ]] && extra+=(-close_fd_mask=2)
# Its seeds are a few dozen bytes: left to itself libFuzzer keeps inputs near that size for the
# whole run (a ten-minute run never went past 28 bytes, a handful of messages).
[[ $target == lsp_session ]] && extra+=(-max_len=4096 -len_control=0)
exec cargo +nightly fuzz run --debug-assertions "$target" "$seeds" -- \
  -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}"
