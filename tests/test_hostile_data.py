"""Broken or hostile data folders: every one gives a DataError naming the file (and record and field), never a
traceback, a hang or bare NaN. Each case runs ``python -m course_lib validate``/``export`` in a subprocess with
a time limit, so a reader that blocks on a FIFO fails the test instead of hanging the suite."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import course_lib
from course_lib import validate as validate_mod
from course_lib.__main__ import main
from course_lib.errors import DataError
from course_lib.files import JSONProblem, loads_strict, read_regular

TIMEOUT = 60


def _cli(*args: str, timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run ``python -m course_lib ARGS``; a hang is a failure, not a stuck suite."""
    env = dict(os.environ, COURSE_PROGRESS_FILE=os.path.join(tempfile.mkdtemp(), "p.json"),
               PYTHONDONTWRITEBYTECODE="1")
    try:
        return subprocess.run([sys.executable, "-m", "course_lib", *args], capture_output=True, text=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"python -m course_lib {' '.join(args)} hung for {timeout} s")


def _text_file_to(rel: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        path = folder / "articles" / "articles.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc[0]["text_file"] = rel
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return change


def _fifo_text(folder: Path) -> None:
    target = folder / "articles" / "newsweek.txt"
    target.unlink()
    os.mkfifo(target)


def _symlink_out(folder: Path) -> None:
    outside = folder.parent / "outside-pipe"  # outside data/, and it would block whoever opens it
    os.mkfifo(outside)
    target = folder / "articles" / "newsweek.txt"
    target.unlink()
    target.symlink_to(outside)


def _dir_for(name: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / name).unlink()
        (folder / name).mkdir()
    return change


def _fifo_for(name: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / name).unlink()
        os.mkfifo(folder / name)
    return change


def _deep(folder: Path) -> None:
    (folder / "topics.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _duplicate_key(folder: Path) -> None:
    path = folder / "actors.json"
    text = path.read_text(encoding="utf-8")
    first = text.index('"id":')
    path.write_text(text[:first] + '"id": "duplicated-id", ' + text[first:], encoding="utf-8")


def _replace_number(rel: str, field: str, literal: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        path = folder / rel
        text = path.read_text(encoding="utf-8")
        key = f'"{field}": '
        start = text.index(key) + len(key)
        end = start
        while text[end] in "0123456789.-":
            end += 1
        assert end > start, f"no number after {key} in {rel}"
        path.write_text(text[:start] + literal + text[end:], encoding="utf-8")
    return change


def _first_numeric_quiz(folder: Path) -> str:
    for path in sorted((folder / "quizzes").glob("*.json")):
        if '"tolerance":' in path.read_text(encoding="utf-8") and not path.name.startswith("_"):
            return f"quizzes/{path.name}"
    raise AssertionError("no numeric question with a tolerance")


# (name, change to the data copy, words the error must contain, including the file's name)
CASES = [
    ("text-file-dev-zero", _text_file_to("/dev/zero"),
     ["articles/articles.json", "record 'newsweek'", "field 'text_file'", "outside the articles folder"]),
    ("text-file-parent-escape", _text_file_to("../../../../../../dev/zero"),
     ["articles/articles.json", "field 'text_file'", "outside the articles folder"]),
    ("text-file-fifo", _fifo_text, ["articles/articles.json", "record 'newsweek'", "field 'text_file'",
                                    "named pipe (FIFO), not a regular file"]),
    ("text-file-symlink-out", _symlink_out, ["articles/articles.json", "field 'text_file'",
                                             "outside the articles folder"]),
    ("data-file-is-a-folder", _dir_for("actors.json"), ["actors.json: is a folder, not a regular file"]),
    ("data-file-is-a-fifo", _fifo_for("claims.json"), ["claims.json: is a named pipe (FIFO)"]),
    ("deep-nesting", _deep, ["topics.json: nested too deeply"]),
    ("duplicate-key", _duplicate_key, ["actors.json: record 'duplicated-id': field 'id': duplicate key 'id'"]),
    ("figure-nan", _replace_number("figures.json", "value", "NaN"), ["figures.json", "NaN is not allowed",
                                                                     "line "]),
    ("figure-huge", _replace_number("figures.json", "value", "1e999"), ["figures.json", "too large"]),
]


@pytest.mark.parametrize("name,change,words", CASES, ids=[c[0] for c in CASES])
def test_broken_data_folder_is_a_named_error_not_a_traceback_or_hang(name, change, words, data_copy: Path):
    change(data_copy)
    for command in ("validate", "export"):
        result = _cli(command, "--data", str(data_copy))
        assert result.returncode == 1, (command, result.stdout[-500:], result.stderr[-2000:])
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert result.stdout == "", "nothing is printed on stdout (no bare NaN in an export)"
        for word in words:
            assert word in result.stderr, (command, word, result.stderr[-1000:])


def test_infinite_tolerance_in_a_quiz_is_refused(data_copy: Path):
    rel = _first_numeric_quiz(data_copy)
    _replace_number(rel, "tolerance", "Infinity")(data_copy)
    result = _cli("validate", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{rel}: Infinity is not allowed" in result.stderr
    stem = Path(rel).stem
    with pytest.raises(DataError) as info:  # the quiz cannot be made, so no answer is marked right by it
        course_lib.quiz(stem, progress=False, folder=data_copy)
    assert info.value.file == rel


def test_nan_answer_in_a_quiz_is_refused(data_copy: Path):
    rel = _first_numeric_quiz(data_copy)
    _replace_number(rel, "answer", "NaN")(data_copy)
    with pytest.raises(DataError, match="NaN is not allowed"):
        course_lib.quiz(Path(rel).stem, progress=False, folder=data_copy)


def test_quiz_file_replaced_by_a_fifo_does_not_hang(data_copy: Path):
    rel = _first_numeric_quiz(data_copy)
    (data_copy / rel).unlink()
    os.mkfifo(data_copy / rel)
    result = _cli("validate", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{rel}: is a named pipe (FIFO), not a regular file" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX permissions and /proc")
def test_unreadable_data_file_is_a_named_error(data_copy: Path):
    target = data_copy / "glossary.json"
    if os.geteuid() == 0:  # root reads a mode-000 file; /proc/self/mem is a regular file nobody can read at 0
        target.unlink()
        target.symlink_to("/proc/self/mem")
        reason = "Input/output error"
    else:
        os.chmod(target, 0)
        reason = "Permission denied"
    result = _cli("validate", "--data", str(data_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert f"glossary.json: cannot be read ({reason})" in result.stderr


@pytest.fixture
def schema_copy(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the schema loader at the data copy's schemas (and forget compiled validators before and after)."""
    monkeypatch.setattr(validate_mod, "data_dir", lambda: data_copy)
    monkeypatch.setattr(validate_mod, "_VALIDATORS", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # never cache a validator of a broken schema
    validate_mod._shared_definitions.cache_clear()
    yield data_copy / "schemas"
    validate_mod._shared_definitions.cache_clear()


@pytest.mark.parametrize("schema_file,breakage,words", [
    ("topics.schema.json", None, ["schemas/topics.schema.json: file is missing"]),
    ("_defs.schema.json", None, ["schemas/_defs.schema.json: file is missing"]),
    ("actors.schema.json", "{ not json", ["schemas/actors.schema.json: not valid JSON"]),
    ("actors.schema.json", '["a list"]', ["schemas/actors.schema.json: not a usable schema"]),
    ("actors.schema.json", '{"type": 5}', ["schemas/actors.schema.json: not a usable schema"]),
    ("actors.schema.json", '{"$ref": "#/definitions/nowhere"}', ["schemas/actors.schema.json: not a usable schema"]),
    ("quizzes.schema.json", None, ["schemas/quizzes.schema.json: file is missing"]),
])
def test_missing_or_invalid_schema_is_a_named_error(schema_file, breakage, words, schema_copy: Path, capsys):
    path = schema_copy / schema_file
    if breakage is None:
        path.unlink()
    else:
        path.write_text(breakage, encoding="utf-8")
    assert main(["validate", "--data", str(schema_copy.parent)]) == 1
    err = capsys.readouterr().err
    for word in words:
        assert word in err, err


def test_untouched_copy_still_validates(data_copy: Path):
    result = _cli("validate", "--data", str(data_copy))
    assert result.returncode == 0 and result.stdout.startswith("OK:"), result.stderr[-2000:]


@pytest.mark.parametrize("text,words", [
    ('{"a": NaN}', "NaN is not allowed (JSON numbers must be finite) at line 1 column 7"),
    ('["NaN is fine in a string",\n -Infinity]', "-Infinity is not allowed (JSON numbers must be finite) at line 2"),
    ('[1e400]', "the number 1e400 is too large"),
    ('{"id": "x", "b": 1, "b": 2}', "duplicate key 'b' in one object (record 'x')"),
    ("[" * 50_000, "nested too deeply"),
    ("[1" + "0" * 5000 + "]", "not valid JSON"),
    ("{'single': 1}", "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
])
def test_loads_strict_refuses_what_json_lets_through(text, words):
    with pytest.raises(JSONProblem) as info:
        loads_strict(text)
    assert words in str(info.value)


def test_read_regular_refuses_devices_and_fifos_without_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path, kind in ((fifo, "a named pipe (FIFO)"), (Path("/dev/zero"), "a device"), (tmp_path, "a folder")):
        with pytest.raises(OSError) as info:
            read_regular(path)
        assert getattr(info.value, "kind", None) == kind
    regular = tmp_path / "f.txt"
    regular.write_bytes(b"ok")
    assert read_regular(regular) == b"ok"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO is left as it was"


def test_map_shapes_replaced_by_a_fifo_is_a_named_error(data_copy: Path):
    shapes = data_copy / "geo" / "map_shapes.json"
    shapes.unlink()
    os.mkfifo(shapes)
    code = ("import sys\nfrom course_lib.geo import load_shapes\nfrom course_lib.errors import DataError\n"
            f"try:\n    load_shapes({str(data_copy)!r})\nexcept DataError as err:\n    print(err)\n")
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail("load_shapes hung on a FIFO")
    assert result.stdout.strip() == "geo/map_shapes.json: is a named pipe (FIFO), not a regular file", result


def test_examples_in_the_docstrings_run():
    import doctest

    import course_lib.answers
    import course_lib.data
    import course_lib.files
    import course_lib.text

    for mod in (course_lib.files, course_lib.text, course_lib.answers, course_lib.data):
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, mod.__name__
