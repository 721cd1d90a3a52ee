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


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under ``--dist loadgroup``, keep each notebook's cells together on one pytest-xdist worker.

    nbval runs a notebook's cells in order in one kernel. With pytest 9, xdist 3.8's ``xdist_group`` marks
    no longer group anything (xdist renames ``item._nodeid``; pytest 9 builds ``nodeid`` from ``item._id``),
    so every cell was a work unit of its own and could go to the other worker, whose kernel never ran the
    notebook's imports (``NameError: name 'course_lib' is not defined``). This scheduler makes the notebook
    file the work unit for nbval cells; every other test is scheduled as loadgroup does.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class NotebookGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else super()._split_scope(nodeid)

    return NotebookGroupScheduling(config, log)
