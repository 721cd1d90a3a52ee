"""axe-core for the accessibility tests: one pinned npm release, its sha512 checked, cached in the tree.

``python tests/e2e/axe_core.py`` (run by ``make axe``, which ``make test``, ``make e2e`` and ``.ci/run``
call) fetches ``axe-core@AXE_VERSION`` from the npm registry once (``npm pack``, or a plain download if
npm is missing), checks the tarball against the registry's sha512 integrity, and unpacks ``axe.min.js``
into ``tests/e2e/.cache/`` (gitignored). The tests only read that file: nothing is fetched at test time.
Set ``COURSE_AXE_TGZ`` to a local copy of the tarball to install with no network.

axe-core is a test-only dependency (it is JavaScript injected into the browser page under test; the
course never loads it). Licence: MPL-2.0, Deque Systems.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

AXE_VERSION = "4.14.1"
#: the npm registry's ``dist.integrity`` of axe-core 4.14.1 (``npm view axe-core@4.14.1 dist.integrity``)
AXE_INTEGRITY = ("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==")
AXE_URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
CACHE = Path(__file__).resolve().parent / ".cache" / f"axe-core-{AXE_VERSION}"
AXE_JS = CACHE / "axe.min.js"


def check_integrity(tgz: bytes, integrity: str = AXE_INTEGRITY) -> None:
    """Raise ``RuntimeError`` unless ``tgz`` has the npm ``integrity`` (``sha512-<base64>``)."""
    algo, _, want = integrity.partition("-")
    got = base64.b64encode(hashlib.new(algo, tgz).digest()).decode("ascii")
    if got != want:
        raise RuntimeError(f"axe-core@{AXE_VERSION}: tarball {algo} {got} does not match the pinned {want}")


def _download() -> bytes:
    local = os.environ.get("COURSE_AXE_TGZ")
    if local:
        return Path(local).read_bytes()
    npm = shutil.which("npm")
    if npm:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([npm, "pack", f"axe-core@{AXE_VERSION}", "--silent", "--pack-destination", tmp],
                           check=True, capture_output=True, timeout=300)
            return next(Path(tmp).glob("*.tgz")).read_bytes()
    with urllib.request.urlopen(AXE_URL, timeout=120) as r:  # noqa: S310 - fixed https URL
        return r.read()


def install() -> Path:
    """``axe.min.js`` of the pinned release, fetched and checked once, then read from the cache."""
    if AXE_JS.is_file():
        return AXE_JS
    tgz = _download()
    check_integrity(tgz)
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as tar:
        js = tar.extractfile("package/axe.min.js")
        licence = tar.extractfile("package/LICENSE")
        if js is None:
            raise RuntimeError("axe-core tarball has no package/axe.min.js")
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / "LICENSE").write_bytes(licence.read() if licence else b"")
        tmp = AXE_JS.with_suffix(".part")
        tmp.write_bytes(js.read())
        tmp.rename(AXE_JS)
    (CACHE / "SOURCE").write_text(f"axe-core {AXE_VERSION} (MPL-2.0, Deque Systems)\nfrom {AXE_URL}\n"
                                  f"(integrity {AXE_INTEGRITY})\n", encoding="utf-8")
    return AXE_JS


if __name__ == "__main__":
    try:
        print(install())
    except (OSError, RuntimeError, subprocess.SubprocessError) as err:
        print(f"could not install axe-core {AXE_VERSION}: {err}", file=sys.stderr)
        sys.exit(1)
