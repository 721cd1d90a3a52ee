# Reading the Crisis: two-command setup. `make lab` to learn, `make test` to check everything.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   := 127.0.0.1
PORT   ?= 8888
FIRST  := notebooks/00-start-here.ipynb

.PHONY: install lab test test-fast e2e notebooks present site lite lite-if-possible lite-serve lock bench validate clean

# Idempotent: (re)installs only when pyproject.toml changed since the last install.
# Exact versions from requirements/lock.txt (pyproject.toml keeps loose ranges for other environments).
install: $(STAMP)
$(STAMP): pyproject.toml requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/lock.txt -e '.[test]'
	touch $(STAMP)

# Update the pinned versions on purpose: requirements/*.txt and environment.yml (course_lib/tools/lock.py).
lock: install
	$(PY) -m course_lib.tools.lock

# JupyterLab on 127.0.0.1 with token auth left ON (Jupyter prints the tokenised URL), at the first notebook.
# Offline: no news feed, no update check, no PyPI extension manager. --allow-root only when run as root.
ROOTFLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
lab: install
	$(VENV)/bin/jupyter lab --ip=$(HOST) --port=$(PORT) --no-browser --ServerApp.root_dir=. $(ROOTFLAG) \
	  --LabApp.news_url=None --LabApp.extension_manager=readonly \
	  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $(FIRST)

# The whole suite in one pytest run: unit, data-integrity, notebook-hygiene and browser tests, plus strict
# nbval (not --nbval-lax) of every course notebook. Quiz progress goes to a fresh temp file so stored
# outputs compare equal on every run.
test: install lite-if-possible
	COURSE_PROGRESS_FILE=$$(mktemp -d)/progress.json $(PY) -m pytest -n 2 --dist loadfile \
	  --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

# Browser tests only (also part of `make test`): JupyterLab, Voila and the static site in Debian's chromium,
# on 127.0.0.1; any request to another host fails the test. Screenshots of failures: tests/artifacts/.
e2e: install lite-if-possible
	$(PY) -m pytest -n 2 --dist loadfile tests/e2e

# Classroom mode: Voila on 127.0.0.1 (port 8866, or PRESENT_PORT), code hidden, widgets live, fully offline
# ("course" template). Token auth is ON because a Voila page can run code in its kernel: open the
# tokenised URL Voila prints, then pick a notebook. See course_lib/tools/present.py.
present: install
	$(PY) -m course_lib.tools.present notebooks

# Self-study copy: executes every notebook and writes static HTML pages to _site/ (open _site/index.html).
# Nothing loads from a CDN; the widget embed bundle is fetched once from the npm registry and cached.
site: install
	$(PY) -m course_lib.tools.site

# The whole course as an offline JupyterLite site in _lite/ (Python runs in the browser; any static web
# server can host it). Needs Python >= 3.12 and npm for the build; see course_lib/tools/lite.py.
# Rebuilt only when the course, the notebooks or the pins changed.
LITE_INPUTS := $(wildcard notebooks/*.ipynb course_lib/*.py course_lib/tools/lite*.py data/*.json data/*/*.json data/*/*.md) \
	requirements/lite-build.txt requirements/lite-pyodide.txt requirements/lite-npm.txt pyproject.toml
lite: _lite/.built
_lite/.built: $(STAMP) $(LITE_INPUTS)
	$(PY) -m course_lib.tools.lite build
	touch $@

# make test / make e2e build the site when this machine can (Python >= 3.12 and npm); without them the Lite
# browser tests skip (in CI, COURSE_E2E_REQUIRED=1 turns that skip into a failure).
lite-if-possible: install
	@if $(PY) -m course_lib.tools.lite python >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory lite; \
	else echo "make lite skipped: it needs Python >= 3.12 and npm (see README, 'The course in the browser')"; fi

# Serve _lite/ on http://127.0.0.1:8000/ (LITE_PORT to change) for a local check; Ctrl-C to stop.
lite-serve: lite
	$(PY) -m course_lib.tools.lite serve

validate: install
	$(PY) -m course_lib validate

# Re-execute every notebook in place (outputs are committed and compared by strict nbval).
notebooks: install
	$(PY) -m course_lib.tools.execute notebooks/*.ipynb

# Benchmarks against their floors (see benchmarks/run.py); prints a table, writes benchmarks/results.json.
bench: install lite
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) _site _lite .lite-cache tests/artifacts .pytest_cache
