"""Repository-wide pytest setup: tests and notebooks run under pytest never touch the tester's own progress.

``course_lib.progress_summary()`` and every quiz read the learner's progress file
(``$COURSE_PROGRESS_FILE``, else ``~/.reading-the-crisis/progress.json``). A tester who has used the course
has real answers there, so ``pytest --nbval notebooks`` run by hand would show them and fail strict nbval
(the stored outputs show a fresh start), and a test could even write into them.

So every pytest process started in this repository (``make test``, ``pytest --nbval notebooks``, each
pytest-xdist worker) points ``COURSE_PROGRESS_FILE`` at a fresh, empty file in a temporary folder of its
own, before any notebook kernel starts (kernels inherit the environment), and removes the folder at the
end. It does so even if ``COURSE_PROGRESS_FILE`` is already set: a value from the tester's shell is their
real progress too. A test that needs a particular file sets it itself (``monkeypatch.setenv``).

``make notebooks`` (``course_lib.tools.execute``) and ``make site`` give each kernel a throw-away file in the
same way; see ``run_notebook``. Only a notebook executed some other way by hand (``jupyter nbconvert
--execute``) reads the real progress, as it should for a learner.
"""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_OWN: list[str] = []


def pytest_configure(config) -> None:
    folder = tempfile.mkdtemp(prefix="course-test-progress-")
    _OWN.append(folder)
    os.environ["COURSE_PROGRESS_FILE"] = os.path.join(folder, "progress.json")


def pytest_unconfigure(config) -> None:
    while _OWN:
        shutil.rmtree(_OWN.pop(), ignore_errors=True)


#: test files whose cases may run on different workers; every other file stays on one (see below)
SPREAD_OVER_WORKERS = {"tests/e2e/test_course_notebooks.py"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``make test`` runs ``-n 2 --dist loadfile``: each test file (or notebook) stays on one worker, so its
    module fixtures and servers start once, except the files in :data:`SPREAD_OVER_WORKERS`
    (``tests/e2e/test_course_notebooks.py``: one slow browser case per front end and notebook), whose
    cases go to whichever worker is free. (pytest-xdist's own ``loadgroup`` would say this with marks, but
    it silently stops grouping on pytest 9.2: pytest-dev/pytest-xdist#1386.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LoadFileSpreading(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return nodeid if file in SPREAD_OVER_WORKERS else file

    return LoadFileSpreading(config, log)
