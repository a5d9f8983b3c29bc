#!/usr/bin/env bash
# Regenerates everything under libs/contracts/inventory/src/generated/ from proto/:
#   - TypeScript messages, enums, grpc-js service definition and client (buf + local ts-proto,
#     options in proto/buf.gen.yaml)
#   - inventory.binpb, the binary FileDescriptorSet (imports and comments included) that the
#     inventory app serves through gRPC reflection
#
# Deterministic and offline: only the buf and ts-proto pinned in package-lock.json run, and the
# output directory is replaced wholesale, so a deleted .proto leaves no stale file behind.
# test/generated-code-drift.test.ts runs this with --out and diffs the result against the
# committed files.
#
# Usage (from anywhere):
#   libs/contracts/inventory/scripts/generate.sh              # rewrite src/generated/
#   libs/contracts/inventory/scripts/generate.sh --out DIR    # write into DIR instead, which
#                                                             # must not exist or be empty
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
default_out="$root/libs/contracts/inventory/src/generated"
# Where buf.gen.yaml's `out` lands inside buf's --output directory.
template_out="libs/contracts/inventory/src/generated"
out="$default_out"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --out)
      [[ $# -ge 2 ]] || { echo "generate.sh: --out needs a directory" >&2; exit 2; }
      # Absolute against the caller's directory, before the cd below (no realpath -m: not on macOS).
      out="$2"
      [[ "$out" == /* ]] || out="$PWD/$out"
      shift 2
      ;;
    *)
      echo "generate.sh: unknown argument '$1' (usage: generate.sh [--out DIR])" >&2
      exit 2
      ;;
  esac
done

# Replacing a directory wholesale is only safe for the one we own; anything else passed with
# --out must be fresh, so a typo cannot wipe an unrelated directory.
if [[ "$out" != "$default_out" && -e "$out" && -n "$(ls -A -- "$out")" ]]; then
  echo "generate.sh: --out $out exists and is not empty" >&2
  exit 2
fi

buf="$root/node_modules/.bin/buf"
staging="$(mktemp -d)"
trap 'rm -rf -- "$staging"' EXIT

cd "$root"
"$buf" generate --template proto/buf.gen.yaml --output "$staging"
"$buf" build proto --output "$staging/$template_out/inventory.binpb"

rm -rf -- "$out"
mkdir -p -- "$(dirname -- "$out")"
mv -- "$staging/$template_out" "$out"
