"""Fixtures for the browser tests: Debian chromium via Playwright, and local JupyterLab / Voila / site servers.

Offline by construction: every browser context aborts any request whose host is not 127.0.0.1 and
records it; ``offline`` fails the test if anything was recorded. A failing test leaves a full-page
screenshot in tests/artifacts/<test>.png (gitignored); COURSE_E2E_SCREENSHOTS=1 keeps them for passing
tests too.

Without chromium (or Playwright) the tests skip, unless COURSE_E2E_REQUIRED=1 (CI), where they fail.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, skip_or_fail  # noqa: E402
import e2e_servers as servers  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"
LOOPBACK = {"127.0.0.1"}
SHOTS = os.environ.get("COURSE_E2E_SCREENSHOTS") == "1"  # also keep screenshots of passing tests


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --------------------------------------------------------------------------- browser
@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -e '.[test]')")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as err:  # a broken browser install is an environment problem, reported clearly
        pw.stop()
        skip_or_fail(f"chromium at {CHROMIUM} did not start: {err}")
    yield b
    b.close()
    pw.stop()


class Net:
    """What the page tried to fetch from anywhere but 127.0.0.1 (aborted), and its uncaught errors."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.page_errors: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def unexpected_errors(self, allow: tuple[str, ...] = ()) -> list[str]:
        """Uncaught page errors, minus those matching a regex in ``allow`` (known, harmless ones)."""
        return [e for e in self.page_errors if not any(re.search(a, e) for a in allow)]

    def ws_route(self, ws) -> None:
        self.blocked.append(ws.url)
        ws.close()


@pytest.fixture
def net() -> Net:
    return Net()


@pytest.fixture
def page(request, browser, net):
    """A fresh page in its own context: non-loopback requests aborted and recorded, failure screenshots.

    Service workers are blocked, except for tests marked ``service_workers`` (JupyterLite's kernel reaches
    the browser-storage files through one); Chromium routes their requests through ``net`` too.
    """
    workers = "allow" if request.node.get_closest_marker("service_workers") else "block"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers=workers)
    context.route("**/*", net.route)
    try:
        context.route_web_socket(lambda url: urlsplit(url).hostname not in LOOPBACK, net.ws_route)
    except AttributeError:  # Playwright < 1.48 has no WebSocket routing; HTTP routing still applies
        pass
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.on("pageerror", lambda exc: net.page_errors.append(str(exc)))
    yield pg
    failed = any(getattr(getattr(request.node, f"rep_{w}", None), "failed", False) for w in ("setup", "call"))
    if failed or SHOTS:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception:  # the page may be gone; the test's own error is what matters
            pass
    context.close()
    # the offline rule holds for every test, even one that forgot to check
    assert not net.blocked, f"requests to hosts other than 127.0.0.1: {net.blocked}"


@pytest.fixture
def offline(net):
    """Call ``offline()`` at the end of a test: asserts no request left 127.0.0.1."""
    def check() -> None:
        assert net.blocked == [], f"the page tried to reach the network: {net.blocked}"
    return check


@pytest.fixture
def shot(request):
    """``shot(locator_or_page, label)`` keeps a screenshot in tests/artifacts/ when COURSE_E2E_SCREENSHOTS=1."""
    def take(target, label: str) -> None:
        if not SHOTS:
            return
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{request.node.name}-{label}")
        target.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    return take


# --------------------------------------------------------------------------- servers
@pytest.fixture(scope="session")
def e2e_tmp():
    """A scratch folder inside the repo, so Lab and Voila (root = the repo) can serve it.

    It lives under tests/e2e/fixtures/ (gitignored as fixtures/_run-*), which pytest never collects:
    a leftover copy of the broken fixture notebook must not be picked up by ``pytest --nbval tests``.
    """
    d = Path(tempfile.mkdtemp(prefix="_run-", dir=Path(__file__).resolve().parent / "fixtures"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(autouse=True)
def fresh_progress(e2e_tmp):
    """Every test starts with no saved answers. The Lab and Voila servers of a worker keep the answers of
    all their kernels in one file each (``e2e_servers.jupyter_env``), which a page's widgets read when
    they are made; several tests answer the scratch notebook's ``_demo`` quiz, so without this what a
    test sees would depend on which tests ran before it on the same worker."""
    for server in ("lab", "voila"):
        (e2e_tmp / server / "progress.json").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def lab_server(e2e_tmp):
    """JupyterLab on 127.0.0.1, random port and token, root = the repo; stopped at the end."""
    try:
        srv = servers.start_lab(e2e_tmp / "lab")
    except RuntimeError as err:
        pytest.fail(f"JupyterLab did not start: {err}", pytrace=False)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def voila_server(e2e_tmp):
    """Voila (the `make present` command line) serving the e2e scratch folder; random port and token."""
    nb_dir = e2e_tmp / "voila-notebooks"
    nb_dir.mkdir(parents=True, exist_ok=True)
    try:
        srv = servers.start_voila(e2e_tmp / "voila", nb_dir)
    except RuntimeError as err:
        pytest.fail(f"Voila did not start: {err}", pytrace=False)
    srv.extra["notebooks"] = nb_dir
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def lite_server():
    """The built JupyterLite site (``make lite`` -> ``_lite/``) served over plain HTTP on 127.0.0.1, as a
    school server or a USB stick would (what ``python -m http.server`` does)."""
    site = ROOT / "_lite"
    if not (site / "lab" / "index.html").is_file() or not (site / "course-version.json").is_file():
        skip_or_fail("no JupyterLite site in _lite/: run `make lite` first (make test and make e2e do)")
    srv, httpd = servers.serve_dir(site)
    yield srv
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site_server(e2e_tmp):
    """`make site` output for the scratch notebook plus every course notebook, served over plain HTTP on
    127.0.0.1 from a thread. ``extra["pages"]`` maps notebook stem -> page file name."""
    from course_lib.tools import site
    from e2e_helpers import COURSE_NOTEBOOKS, SCRATCH, prepare_notebook

    try:  # the one build input that may need the network (first run only; cached afterwards)
        site.html_manager_dist()
    except (OSError, subprocess.CalledProcessError) as err:
        skip_or_fail(f"cannot fetch {site.HTML_MANAGER}@{site.HTML_MANAGER_VERSION} for the static site "
                     f"(offline? set COURSE_HTML_MANAGER_TGZ): {err}")
    scratch, missing = prepare_notebook(SCRATCH, e2e_tmp / "site-notebooks")
    out = e2e_tmp / "site"
    try:
        site.build([scratch, *COURSE_NOTEBOOKS], out, log=lambda *_: None)
    except Exception as err:  # a build failure is a test failure, with the reason
        pytest.fail(f"site build failed: {err}", pytrace=False)
    srv, httpd = servers.serve_dir(out)
    srv.extra.update(out=out, missing=missing,
                     pages={p.stem: f"{p.stem}.html" for p in [scratch, *COURSE_NOTEBOOKS]})
    yield srv
    httpd.shutdown()
    httpd.server_close()
