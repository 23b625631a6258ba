#!/usr/bin/env bash
# Extracts every _()/N_()/ngettext()/nt() message from editor/ into i18n/messages.pot
# and merges it into the French catalog (existing translations are kept; new
# messages arrive untranslated, and tests/test_i18n_catalog.py lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
"$PYBABEL" -q extract -F babel.cfg -k N_ -k ngettext:1,2 -k nt:1,2 -k tr -k t --no-location --sort-output \
  --project "MLOps Proposal Editor" -o i18n/messages.pot .
"$PYBABEL" -q update -i i18n/messages.pot -d i18n -l fr --no-fuzzy-matching --ignore-obsolete
