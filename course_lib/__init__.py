"""Reading the Crisis: the course's helper library.

``import course_lib`` is cheap: widgets and figures (and so ipywidgets and plotly)
are imported only when first used.

Examples
--------
>>> import course_lib
>>> data = course_lib.load()
>>> data.actors["reznikov"]["role"]
'Defence Minister of Ukraine'
"""
from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import Any

from .errors import DataError
from .data import CourseData, load

__version__ = "0.1.0"

# public name -> module that defines it (imported lazily, on first attribute access)
_LAZY = {
    "quiz": "quiz",
    "predict_claim": "claims",
    "progress_summary": "progress",
    "compare_statements": "compare",
    "compare_statements_text": "compare",
    "read_article": "reader",
    "timeline": "timeline",
    "timeline_text": "timeline",
    "troop_chart": "troops",
    "troop_chart_text": "troops",
    "crisis_map": "crisis_map",
    "crisis_map_text": "crisis_map",
    "timeline_explorer": "timeline",
    "setup": "theme",
    "classroom_mode": "theme",
    "environment_check": "envcheck",
    "present_toggle": "ui",
    "fold": "ui",
    "sources_table": "tables",
    "claims_table": "tables",
    "errata_table": "tables",
    "origins_table": "tables",
    "weekday_resolver": "dates",
    "notes": "notes",
    "pre_test": "assessment",
    "post_test": "assessment",
    "delayed_test": "assessment",
    "my_results": "assessment",
    "my_results_text": "assessment",
    "fact_check": "factcheck",
    "fact_check_text": "factcheck",
    "reporting_verbs": "verbs",
    "reporting_verbs_text": "verbs",
    "save_results": "handin",
    "class_report": "report",
    "class_report_text": "report",
}

__all__ = ["DataError", "CourseData", "load", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'course_lib' has no attribute {name!r}")


class _Package(ModuleType):
    """Keeps ``course_lib.quiz`` (and every _LAZY name that is also a module's name) the function.

    Importing a submodule sets the package attribute of the same name to the module object; without
    this, ``course_lib.quiz(...)`` fails once ``course_lib.quiz`` the module has been imported.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and _LAZY.get(name) == name and hasattr(value, name):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted(__all__)
