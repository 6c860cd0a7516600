#!/bin/sh
# Mutation testing (mutmut 3) of the modules in pyproject's [tool.mutmut] only_mutate, then a score per module.
#   tests/mutation/run.sh                      all of them (mutants already run are not run again)
#   tests/mutation/run.sh 'kiryx.greek.*'      only these mutants, run again even if done
# Over an hour for all modules on two cores; results stay in mutants/ (git-ignored): `.venv/bin/mutmut browse`.
set -e
cd "$(dirname "$0")/../.."
if [ -d mutants/kiryx ]; then  # mutmut refreshes changed .py files only: bring the message catalogue up to date
  cp -R kiryx/locale/. mutants/kiryx/locale/ && rm -f mutants/kiryx/locale/*/LC_MESSAGES/*.mo
fi
# the tools `publish.py setup` fetched (Pagefind), which the publish tests' builds under mutants/ run
mkdir -p mutants/.kiryx && ln -sfn "$PWD/.kiryx/vendor" mutants/.kiryx/vendor
.venv/bin/mutmut run --max-children "$(nproc)" "$@"
.venv/bin/python tests/mutation/score.py
