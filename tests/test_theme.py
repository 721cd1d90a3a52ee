"""The compact plotly template, the shared figure helpers and the notebook display set-up."""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from course_lib import theme
from course_lib.theme import (TEMPLATE, TextTwin, date_range, decode_array, fmt_date, fmt_span, hover_text,
                              new_figure, plot_date, short_quote, sort_key, table, typed_array)


def _font_sizes(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "size" and "font" in path:
                yield path, v
            yield from _font_sizes(v, f"{path}.{k}")


def test_template_is_compact_and_readable_on_a_projector():
    size = len(json.dumps(TEMPLATE))
    assert size < 1500, size
    sizes = list(_font_sizes(TEMPLATE))
    assert sizes, "the template sets no font sizes"
    assert all(v >= 14 for _, v in sizes), sizes


def test_course_figures_are_far_smaller_than_with_the_default_template():
    ours = len(new_figure(title={"text": "x"}).to_json())
    default = len(go.Figure(layout={"title": {"text": "x"}, "template": "plotly"}).to_json())
    assert ours < 1200 < default, (ours, default)


def test_dates_keep_their_precision():
    assert date_range("2022-02")[2] == "month" and date_range("2014")[2] == "year"
    assert plot_date("2021-11") == "2021-11-15"  # mid-month, never the 1st
    assert plot_date("2022-02-24") == "2022-02-24"
    assert fmt_date("2021-11") == "Nov 2021 (month only)"
    assert fmt_date("2014") == "2014 (year only)"
    assert fmt_span("2022-09-23", "2022-09-27") == "23 Sep 2022 to 27 Sep 2022"
    assert sorted(["2022", "2021-12-01", "2021-12"], key=sort_key) == ["2021-12-01", "2021-12", "2022"]


def test_hover_text_escapes_and_wraps():
    out = hover_text("<script>alert(1)</script> " + "word " * 40, width=30)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert all(len(html.unescape(line)) <= 30 for line in out.split("<br>"))
    assert len(out.split("<br>")) >= 7


def test_short_quote_only_cuts_and_marks_the_cut():
    quote = "We don't plan to attack anyone and we don't plan to invade any other country's territory"
    assert short_quote(quote, 500) == quote
    cut = short_quote(quote, 30)
    assert cut.endswith(" […]") and quote.startswith(cut[:-4])


def test_table_aligns_columns():
    lines = table(["a", "b"], [["long cell", "x"], ["y", "z"]]).splitlines()
    assert lines[0].index("|") == lines[2].index("|") == lines[3].index("|")


@pytest.mark.parametrize("dtype", ["f4", "i2"])
def test_typed_arrays_round_trip(dtype):
    values = [3012, -4, 5800, 0]
    assert decode_array(typed_array(values, dtype)) == values
    if dtype == "f4":
        assert decode_array(typed_array([1.5, None, 2.0], dtype)) == [1.5, None, 2.0]


def test_text_twin_displays_as_plain_text():
    t = TextTwin("a\nb")
    assert isinstance(t, str) and repr(t) == "a\nb"


@pytest.fixture
def restore_pio(monkeypatch):
    monkeypatch.delenv("PLOTLY_RENDERER", raising=False)
    renderer, template = pio.renderers.default, pio.templates.default
    yield
    pio.renderers.default, pio.templates.default = renderer, template


def test_setup_shows_figures_by_mime_type_only(restore_pio):
    theme.setup()
    theme.setup()  # idempotent
    assert pio.renderers.default == "plotly_mimetype"
    assert pio.templates.default == "course"
    fig = new_figure(title={"text": "Demo <b>figure</b>"})
    fig.add_trace(go.Scatter(x=[1, 2], y=[3, 4]))
    bundle = fig._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/plain"}
    assert bundle["text/plain"].startswith("[Interactive figure: Demo")
    raw = json.dumps(bundle)
    assert "<script" not in raw and "cdn" not in raw.lower() and "http" not in raw
    config = bundle["application/vnd.plotly.v1+json"]["config"]
    assert config["displaylogo"] is False and config["typesetMath"] is False
    # a learner's own figure gets the compact template and the mime type only
    assert len(go.Figure().to_json()) < 1200
    assert set(go.Figure()._repr_mimebundle_()) == {"application/vnd.plotly.v1+json"}


def test_course_figures_display_without_plotly_renderers():
    """Showing a course figure must not import plotly.io's renderers (which import nbformat and jsonschema)."""
    code = ("import sys, course_lib; course_lib.setup(); fig = course_lib.timeline()\n"
            "from IPython.core.interactiveshell import InteractiveShell\n"
            "from IPython.display import display\n"
            "from IPython.utils.capture import capture_output\n"
            "InteractiveShell.instance()\n"
            "with capture_output() as cap:\n    display(fig)\n"
            "print(sorted(cap.outputs[0].data), 'plotly.io._renderers' in sys.modules, 'nbformat' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={k: v for k, v in os.environ.items() if k != "PLOTLY_RENDERER"})
    assert out.stdout.strip() == "['application/vnd.plotly.v1+json', 'text/plain'] False False"


def test_course_figure_is_a_plain_plotly_figure():
    fig = new_figure(height=300)
    fig.add_trace(go.Scatter(x=[1], y=[2], name="a"))
    assert isinstance(fig, go.Figure)
    copy = go.Figure(fig)
    assert copy.to_dict() == fig.to_dict()
    payload = fig._repr_mimebundle_()["application/vnd.plotly.v1+json"]
    assert payload["data"][0]["name"] == "a" and payload["layout"]["height"] == 300


def test_jupyterlab_serves_plotly_js_locally():
    """The plotly mime type is rendered by the jupyterlab-plotly extension, which bundles plotly.js."""
    ext = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyterlab-plotly"
    meta = json.loads((ext / "package.json").read_text(encoding="utf-8"))
    assert meta["version"] == plotly.__version__
    assert meta["jupyterlab"]["mimeExtension"]
    bundle = max((ext / "static").glob("*.js"), key=lambda p: p.stat().st_size)
    assert bundle.stat().st_size > 1_000_000, "plotly.js is not bundled in the lab extension"
    assert "application/vnd.plotly.v1+json" in bundle.read_text(encoding="utf-8", errors="ignore")


def test_text_twins_do_not_import_plotly():
    code = ("import sys, course_lib; course_lib.timeline_text(); course_lib.troop_chart_text(); "
            "course_lib.crisis_map_text(); print('plotly' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_docstring_examples_run(restore_pio):
    import doctest
    import importlib

    mods = [importlib.import_module("course_lib.theme"), importlib.import_module("course_lib.figure")]
    for mod in mods:
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, (mod.__name__, result)
