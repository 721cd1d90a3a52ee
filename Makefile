# Reading the Crisis: two-command setup. `make lab` to learn, `make test` to check everything.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   := 127.0.0.1
PORT   ?= 8888
FIRST  := notebooks/00-start-here.ipynb

.PHONY: install lab test test-fast e2e axe notebooks present site lite lite-if-possible lite-serve lock bench ux answer-keys validate clean hub-proxy

# Idempotent: (re)installs only when pyproject.toml, the pinned versions, or a file the install copies into
# .venv/share (the course's JupyterLab extension) changed since the last install.
# Exact versions from requirements/lock.txt (pyproject.toml keeps loose ranges for other environments).
install: $(STAMP)
$(STAMP): pyproject.toml requirements/lock.txt $(wildcard course_lib/tools/jupyter/labextensions/*/package.json course_lib/tools/jupyter/labextensions/*/static/*.js)
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
test: install hub-proxy axe lite-if-possible
	COURSE_PROGRESS_FILE=$$(mktemp -d)/progress.json $(PY) -m pytest -n 2 --dist loadfile \
	  --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

# Browser tests only (also part of `make test`): JupyterLab, Voila and the static site in Debian's chromium,
# on 127.0.0.1; any request to another host fails the test. Screenshots of failures: tests/artifacts/.
e2e: install hub-proxy axe lite-if-possible
	$(PY) -m pytest -n 2 --dist loadfile tests/e2e

# The JupyterHub browser test (tests/e2e/test_hub.py) needs the npm configurable-http-proxy, pinned, installed
# into .cache/hub-proxy (gitignored). Without npm the test skips (and fails in CI, where .ci/run installs npm).
HUB_PROXY_VERSION := 5.0.1
HUB_PROXY := .cache/hub-proxy/node_modules/.bin/configurable-http-proxy
hub-proxy:
	@if [ -x $(HUB_PROXY) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .cache/hub-proxy configurable-http-proxy@$(HUB_PROXY_VERSION); \
	else echo "npm not found: the JupyterHub test will skip (apt-get install npm)"; fi

# axe-core for the accessibility tests (tests/e2e/test_a11y.py): one pinned npm release, sha512 checked,
# unpacked once into tests/e2e/.cache/ (gitignored); the tests never fetch it. See tests/e2e/axe_core.py.
# Offline, a failed fetch only warns: the a11y tests then skip (and fail in CI, COURSE_E2E_REQUIRED=1).
axe: install
	$(PY) tests/e2e/axe_core.py || [ "$$COURSE_E2E_REQUIRED" != 1 ]

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
	$(PY) -m course_lib.tools.execute notebooks/*.ipynb notebooks/teacher/*.ipynb

# Benchmarks against their floors (see benchmarks/run.py); prints a table, writes benchmarks/results.json.
bench: install lite
	$(PY) benchmarks/run.py

# The learner-experience report: words, screens and minutes per notebook against its stated time,
# feedback words on a first wrong check, classroom font sizes (benchmarks/ux.py; writes benchmarks/ux.json).
ux: install
	$(PY) benchmarks/ux.py

# Printable answer keys, one per notebook, from the quiz data (docs/answer-keys/; a test checks they match).
answer-keys: install
	$(PY) -m course_lib.tools.answer_keys

clean:
	rm -rf $(VENV) _site _lite .lite-cache tests/artifacts tests/e2e/.cache .pytest_cache
