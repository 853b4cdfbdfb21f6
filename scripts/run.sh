#!/usr/bin/env bash
# Set up (if needed) and build the graph and search index from the shipped seeds into ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
exec "${KG_VENV:-.venv}/bin/kg" build "$@"
