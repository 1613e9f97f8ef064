# The verbs of the kata repository. Every verb forwards to one runner, `python -m katas`.
# A learner's N travels as data in the environment (KATA_N), never as shell text: `unexport N`
# and $(value N) keep make from expanding or executing what was typed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# .venv/bin/python is a symlink carrying the system interpreter's timestamp, so the venv rule
# depends on a stamp written only after pip has installed requirements.txt.
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

export KATA_N := $(value N)
export KATA_ALL := $(value ALL)
export KATA_FULL := $(value FULL)
export KATA_YES := $(value YES)
export KATA_L := $(value L)
unexport N ALL FULL YES L

RUN := $(PY) -m katas

.DEFAULT_GOAL := help
.PHONY: help kata solution list next hint compare watch reset restore reset-all lang test mistakes mutate stubs bench \
	from-notebook notebooks notebooks-check

help: ## the verbs, one line each
	@echo "make kata N=1       run kata 1 against your code in katas/ (N=01 works too)"
	@echo "make solution N=1   run kata 1 against the reference in solutions/ (a spoiler)"
	@echo "make list           every kata with your progress"
	@echo "make next           run the first kata you have not solved"
	@echo "make hint N=1       the next hint for kata 1 (ALL=1: every hint)"
	@echo "make compare N=1    once kata 1 is green, your functions beside the reference's"
	@echo "make watch N=1      run kata 1 each time you save its file; keys h n l r q (no N: first unsolved)"
	@echo "make reset N=1      restore kata 1's stub; your file is backed up beside it first"
	@echo "make restore N=1    put your newest backup of kata 1 back (the current file is backed up first)"
	@echo "make reset-all      the same as reset for every kata (asks first; YES=1 skips the question)"
	@echo "make lang L=ko      the course in Korean (L=en: English; L=auto: as LANG says; no L: which is in force)"
	@echo "make from-notebook N=1  write the functions of kata 1's notebook into its file (backed up first)"
	@echo "make test           the repository's self-check"
	@echo "make stubs          regenerate katas/ stubs from solutions/ (maintainers)"
	@echo "make mistakes       check that every kata's tests catch its known wrong answers and accept correct ones, N=6 for one kata (maintainers)"
	@echo "make mutate         mutation-test the kata tests against solutions/, N=6 for one kata (maintainers)"
	@echo "make notebooks      regenerate katas/notebooks/ from the stubs, cross-checked with jupytext (maintainers)"
	@echo "make notebooks-check  run every notebook with a kernel: the stubs say not written yet, the reference is green (maintainers)"
	@echo "make bench          time every kata red and green, make list, make test and mlp2 (maintainers)"

# A .venv whose python is gone (the system's Python was upgraded or removed) is rebuilt.
$(PY):
	@if [ -d $(VENV) ]; then echo "$(PY) no longer runs: rebuilding $(VENV)"; rm -rf $(VENV); fi

$(STAMP): requirements.txt $(PY)
	@echo "Setting up $(VENV) from requirements.txt (first run only) ..."
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): install Python 3.10+ with its venv module (Debian/Ubuntu: apt install python3-venv)"; exit 2; }
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-compile -r requirements.txt
	@# pip would compile every file it installs, one at a time, the packages' own tests too: compiling
	@# the rest on every core instead halves the set-up
	@$(PY) -m compileall -qq -j 0 -x '[/\\]tests?[/\\]' "$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" || true
	@touch $(STAMP)

# The maintainers' tools (mutmut) join the same environment, only when asked for.
$(DEV_STAMP): $(STAMP) tests/requirements-dev.txt
	@echo "Adding the maintainers' tools from tests/requirements-dev.txt (first run only) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check -r tests/requirements-dev.txt
	@touch $(DEV_STAMP)

kata: $(STAMP)
	@$(RUN) kata

solution: $(STAMP)
	@$(RUN) solution

list: $(STAMP)
	@$(RUN) list

next: $(STAMP)
	@$(RUN) next

hint: $(STAMP)
	@$(RUN) hint

compare: $(STAMP)
	@$(RUN) compare

watch: $(STAMP)
	@$(RUN) watch

reset: $(STAMP)
	@$(RUN) reset

restore: $(STAMP)
	@$(RUN) restore

reset-all: $(STAMP)
	@$(RUN) reset-all

lang: $(STAMP)
	@$(RUN) lang

# The self-check starts many short-lived Python processes: let them share bytecode caches
# (__pycache__, ignored by git) even where the environment turns them off.
test: $(STAMP)
	@env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest tests

mistakes: $(STAMP)
	@env -u PYTHONDONTWRITEBYTECODE $(PY) -m tests.check_mistakes

mutate: $(DEV_STAMP)
	@$(PY) -m tests.mutate

stubs: $(STAMP)
	@$(RUN) stubs

from-notebook: $(STAMP)
	@$(RUN) from-notebook

# The notebooks (katas/_runner/notebook.py); jupytext, nbclient and ipykernel are maintainers' tools.
notebooks: $(DEV_STAMP)
	@$(PY) -m tests.check_notebooks write

notebooks-check: $(DEV_STAMP)
	@$(PY) -m tests.check_notebooks execute

bench: $(STAMP)
	@$(PY) tests/bench.py
