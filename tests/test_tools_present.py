"""course_lib.tools.present: the classroom command line and its offline Voila template."""
from __future__ import annotations

import re
from pathlib import Path

from course_lib.tools import present

TEMPLATE = present.JUPYTER_DATA / "voila" / "templates" / "course" / "index.html.j2"


def test_command_is_loopback_tokened_and_uses_course_template():
    cmd = present.command("notebooks", 8866)
    assert "--Voila.ip=127.0.0.1" in cmd and "--no-browser" in cmd and "--token" in cmd
    assert "--template=course" in cmd and "--theme=light" in cmd and "--strip_sources=True" in cmd
    assert present.command("nb", 1, token="t")[-1] == "--Voila.token=t"
    assert str(present.JUPYTER_DATA) in present.environment({})["JUPYTER_PATH"]
    # the kernels Voila starts inherit this: the charts are drawn with classroom sizes
    assert present.environment({})["COURSE_CLASSROOM"] == "1"
    assert present.environment({"COURSE_CLASSROOM": "0"})["COURSE_CLASSROOM"] == "1"


def test_course_template_is_voila_lab_without_cdn_links():
    import voila.paths

    ours = TEMPLATE.read_text(encoding="utf-8")
    code = re.sub(r"\{#.*?#\}", "", ours, flags=re.S)  # without Jinja comments
    assert "cdn." not in code and "http" not in code
    lab = next(Path(p) / "index.html.j2" for p in voila.paths.collect_template_paths(["voila"], "lab")
               if (Path(p) / "index.html.j2").is_file())
    theirs = lab.read_text(encoding="utf-8")

    def block(text: str, name: str = "notebook_css") -> list[str]:
        body = re.search(rf"\{{%- block {name} -%\}}(.*?)\{{%- endblock {name} -%\}}", text, re.S).group(1)
        return [ln.strip() for ln in body.splitlines() if ln.strip() and "super" not in ln]

    # same block as Voila's lab template, minus exactly its two Font Awesome CDN links: if a Voila upgrade
    # changes that block, this fails and the course template must be updated to match
    # ... plus the course's classroom styles (large text for a projector), included from classroom.css
    ours_lines = block(ours)
    added = ["<style>", "{% include 'classroom.css' %}", "</style>"]
    at = ours_lines.index(added[1]) - 1
    assert ours_lines[at:at + 3] == added, "classroom.css is included in its own <style> element"
    del ours_lines[at:at + 3]
    assert ours_lines == [ln for ln in block(theirs) if "cdn.jsdelivr.net" not in ln]
    assert (TEMPLATE.parent / "classroom.css").is_file()
    # the page's start and end are Voila's, in the same order, with the skip link and <main> landmark added
    for name in ("body_header", "body_footer"):
        mine = iter(block(ours, name))
        assert all(line in mine for line in block(theirs, name)), f"{name} no longer contains Voila's lines"
    assert 'href="#rendered_cells"' in code and "'role', 'main'" in code
