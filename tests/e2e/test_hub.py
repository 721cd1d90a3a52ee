"""A real JupyterHub on 127.0.0.1: two learners log in, answer in different notebooks, hand in; the
teacher's class report shows both, and their progress never mixes.

The hub: PyPI ``jupyterhub`` (a floor in pyproject's test extra, 5.5.4 pinned by ``.ci/run``), the npm ``configurable-http-proxy``
(pinned; installed by ``make hub-proxy`` into ``.cache/hub-proxy``, or set ``COURSE_CHP`` to its path),
``DummyAuthenticator`` with a shared password, and ``SimpleLocalProcessSpawner`` with a home folder per user
under a temp folder. The single-user servers run JupyterLab from this environment (where the course is
installed), with ``HOME`` set to the user's home, so each learner's progress goes to
``<home>/.reading-the-crisis/progress.json``, exactly as on a real hub.

Each learner's home holds short copies of the course notebooks: the imports cell plus the quiz (00 for
Alice, 03 for Bob), and the imports cell plus the "Save my results" cells of 07, so the test does not
spend minutes drawing maps it does not look at.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import e2e_servers as servers
from e2e_helpers import (ROOT, lab_open, lab_run_all, page_problems, quiz_check, quiz_choose,
                         quiz_key, quiz_question, skip_or_fail)

CHP_VERSION = "5.0.1"  # keep in step with the Makefile's hub-proxy target
PASSWORD = "course-e2e"
LEARNERS = {"alice": ("Alice Example", "00-start-here"), "bob": ("Bob Example", "03-voices-side-by-side")}


def _chp() -> Path:
    env = os.environ.get("COURSE_CHP")
    path = Path(env) if env else ROOT / ".cache" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
    if not path.exists():
        skip_or_fail(f"configurable-http-proxy not found at {path} (run `make hub-proxy`, or set COURSE_CHP)")
    return path


def _short_notebook(src: Path, dest: Path, keep: list[str]) -> None:
    """Copy ``src`` keeping the first code cell (imports) and the cells whose source contains a ``keep`` text."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    first = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code")
    nb["cells"] = [c for i, c in enumerate(nb["cells"])
                   if i == first or any(k in "".join(c["source"]) for k in keep)]
    for c in nb["cells"]:
        if c["cell_type"] == "code":
            c["outputs"], c["execution_count"] = [], None
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


CONFIG = """
import sys
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.pid_file = {pid!r}
c.JupyterHub.db_url = "sqlite:///{db}"
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.args = {args!r}
c.Spawner.start_timeout = 240
c.Spawner.http_timeout = 240
"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        skip_or_fail("jupyterhub is not installed (pip install -e '.[test]')")
    chp = _chp()
    tmp = tmp_path_factory.mktemp("hub")
    home = tmp / "home"
    for user, (_, quiz) in LEARNERS.items():
        h = home / user
        h.mkdir(parents=True)
        _short_notebook(ROOT / "notebooks" / f"{quiz}.ipynb", h / f"{quiz}.ipynb", [f'quiz("{quiz}")'])
        _short_notebook(ROOT / "notebooks" / "07-review.ipynb", h / "07-review.ipynb",
                        ["save_results", "## Hand in your results"])
        settings = h / ".jupyter" / "lab" / "user-settings"
        for rel, value in servers.LAB_SETTINGS.items():  # no news, update checks or extension manager
            (settings / rel).parent.mkdir(parents=True, exist_ok=True)
            (settings / rel).write_text(json.dumps(value), encoding="utf-8")
    port, hub_port, api_port = servers.free_port(), servers.free_port(), servers.free_port()
    args = ["--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.expose_app_in_browser=True", *servers._root_flag()]
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    (tmp / "jupyterhub_config.py").write_text(CONFIG.format(
        port=port, hub_port=hub_port, api_port=api_port, chp=str(chp), pid=str(tmp / "proxy.pid"),
        db=tmp / "hub.sqlite", cookie=str(tmp / "cookie_secret"), password=PASSWORD, users=set(LEARNERS),
        home=str(home), singleuser=str(singleuser), args=args), encoding="utf-8")
    env = servers.jupyter_env(tmp / "hub-env")
    env.pop("COURSE_PROGRESS_FILE", None)  # the learners' servers must use their own homes
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    log = tmp / "hub.log"
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(tmp / "jupyterhub_config.py")],
                            cwd=tmp, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    srv = servers.Server(f"http://127.0.0.1:{port}", "", proc, log, {"home": home, "tmp": tmp})
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterHub exited with {proc.returncode}:\n{srv.log_tail()}", pytrace=False)
            try:
                with urllib.request.urlopen(srv.url("/hub/api/"), timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterHub not ready after 90 s:\n{srv.log_tail()}", pytrace=False)
            time.sleep(0.5)
        yield srv
    finally:
        srv.stop()  # the hub stops the proxy and the single-user servers it started (cleanup_servers)


def _first_single(quiz: str) -> tuple[int, dict]:
    """(1-based number, question) of the quiz's first single-choice question."""
    return next((i, q) for i, q in enumerate(quiz_key(quiz)["questions"], 1) if q["type"] == "single")


def _log_in(page, hub, user: str) -> servers.Server:
    """Log in through the hub's login page; return the user's server (base URL /user/<name>)."""
    page.goto(hub.url("/hub/login"))
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{user}/lab"), timeout=240_000)
    page.wait_for_selector("#jp-main-dock-panel", timeout=120_000)
    return servers.Server(f"{hub.base}/user/{user}")


def _learner_session(browser, net, hub, user: str) -> None:
    name, quiz = LEARNERS[user]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.route("**/*", net.route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.on("pageerror", lambda exc: net.page_errors.append(str(exc)))
    try:
        server = _log_in(page, hub, user)
        lab_open(page, server, f"{quiz}.ipynb")
        lab_run_all(page)
        number, q = _first_single(quiz)
        wrong = next(o for o in q["options"] if not o["correct"])
        box = quiz_question(page, number)
        quiz_choose(page, box, wrong["text"])
        assert "Not quite." in quiz_check(page, box)
        lab_open(page, server, "07-review.ipynb")
        lab_run_all(page)
        page.get_by_label("Your name").fill(name)
        page.get_by_role("button", name="Save my results").click()
        page.locator(".widget-html", has_text="Saved 1 answer").wait_for(timeout=30_000)
        assert page_problems(page) == []
    except Exception:
        ARTIFACTS = ROOT / "tests" / "artifacts"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"hub-{user}.png"), full_page=True)
        raise
    finally:
        context.close()


def test_two_learners_hand_in_on_a_hub_and_the_class_report_shows_both(hub, browser, net, page, tmp_path):
    home = hub.extra["home"]
    for user in LEARNERS:
        _learner_session(browser, net, hub, user)
    # progress never mixes: each home has only its own learner's quiz
    for user, (name, quiz) in LEARNERS.items():
        progress = json.loads((home / user / ".reading-the-crisis" / "progress.json").read_text(encoding="utf-8"))
        assert set(progress["quizzes"]) == {quiz}, (user, progress["quizzes"].keys())
        handin = json.loads((home / user / f"handin-{name.lower().replace(' ', '-')}.json").read_text("utf-8"))
        assert handin["learner"] == name and handin["hub_user"] == user and set(handin["quizzes"]) == {quiz}
        _, first = _first_single(quiz)
        rec = handin["quizzes"][quiz][first["id"]]
        assert rec["first_try"] is False and rec["first_answer"] != next(
            o["id"] for o in first["options"] if o["correct"])
    # the teacher runs the report over the hand-ins (as collected) and over the home folders (on the hub)
    from course_lib.report import build_report

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for p in home.glob("*/handin-*.json"):
        shutil.copy(p, inbox / p.name)
    for source, out in ((inbox, tmp_path / "report"), (home, tmp_path / "report-homes")):
        result = build_report([source], out)
        assert result["learners"] == 2, result["problems"]
    srv, httpd = servers.serve_dir(tmp_path / "report")
    try:
        page.goto(srv.url("/index.html"))
        page.wait_for_function("document.querySelectorAll('.rtc-plot[data-drawn]').length >= 2")
        scores = page.locator("#scores").inner_text()
        assert "Alice Example" in scores and "Bob Example" in scores
        questions = page.locator("#questions").inner_text()
        assert f"00 Q{_first_single('00-start-here')[0]}" in questions
        assert f"03 Q{_first_single('03-voices-side-by-side')[0]}" in questions
        if os.environ.get("COURSE_E2E_SCREENSHOTS") == "1":
            (ROOT / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ROOT / "tests" / "artifacts" / "hub-class-report.png"), full_page=True)
    finally:
        httpd.shutdown()
    assert net.blocked == [] and net.unexpected_errors() == [], (net.blocked, net.page_errors)
