#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: fast tests, then slow ones (real model, full seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
"${KG_VENV:-.venv}/bin/python" -m pytest -q -m "not slow" "$@"
# exit code 5 = no test collected (e.g. a filter left none): not a failure here
"${KG_VENV:-.venv}/bin/python" -m pytest -q -m slow "$@" || [ $? -eq 5 ]
