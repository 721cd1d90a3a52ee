"""The Lite site's landing page (``_lite/index.html``): the course in order, its version, and resets.

JupyterLite keeps a learner's saved copy of a notebook in the browser's storage (IndexedDB, through
localforage: database ``contentsStorageName``, object stores ``files`` and ``checkpoints``, keyed by the
file's path) and shows it instead of the site's copy from then on. After the course is updated on the
server a learner could keep working in an old copy without knowing. So the page:

* says which course version the site serves (``course-version.json``, also stamped into every notebook's
  ``metadata.reading_the_crisis.version``);
* lists, for each notebook, whether this browser has its own saved copy and from which course version;
* resets one notebook, or all of them, to the course's copy by deleting the saved copy and its
  checkpoints (what deleting the file in JupyterLite's file browser does: the site's copy shows again);
  the progress file (``reading-the-crisis/progress.json``) is kept unless the learner ticks the box.

Plain HTML and a small script, no library and nothing from another server.

Examples
--------
>>> title_of({"cells": [{"cell_type": "markdown", "source": ["# 2. The build-up <em>in</em> numbers\\n"]}]})
'2. The build-up <em>in</em> numbers'
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..progress import PYODIDE_FOLDER
from .lite import CLASSROOM, STORAGE


def title_of(nb: dict) -> str:
    """The first markdown heading of a notebook (its title), as written."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = "".join(cell.get("source", []))
            for line in src.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
 color:#1b1b1b;background:#fff;line-height:1.5}
h1{font-size:1.8rem;margin-bottom:.2rem} .version{color:#333;margin-top:0}
table{border-collapse:collapse;width:100%;margin:1rem 0} th,td{text-align:left;padding:.5rem;border-bottom:1px solid #bbb;
 vertical-align:top} th{background:#f0f0f0}
a,button{font-size:1rem;min-height:24px;min-width:24px} a{color:#0b4f9c}
button{padding:.3rem .7rem;border:1px solid #444;border-radius:4px;background:#f7f7f7;color:#1b1b1b;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.status{color:#333} .stale{color:#8a3b00;font-weight:600} .box{border:1px solid #bbb;padding:.8rem 1rem;border-radius:6px}
"""

_SCRIPT = r"""
(() => {
  const SITE = window.RTC_SITE;
  const live = document.getElementById('rtc-live');
  const say = (t) => { live.textContent = t; };
  // Open JupyterLite's contents database without ever creating it (an empty database made here would
  // lack the object stores JupyterLite expects).
  function openDb() {
    return new Promise((resolve) => {
      let req;
      try { req = indexedDB.open(SITE.storage); } catch (e) { resolve(null); return; }
      req.onupgradeneeded = (ev) => { ev.target.transaction.abort(); };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    });
  }
  function stores(db) { return ['files', 'checkpoints'].filter((s) => db.objectStoreNames.contains(s)); }
  async function savedCopies() {
    const db = await openDb();
    const out = {};
    if (!db || !stores(db).includes('files')) { if (db) db.close(); return out; }
    await new Promise((resolve) => {
      const cur = db.transaction('files').objectStore('files').openCursor();
      cur.onsuccess = () => {
        const c = cur.result;
        if (!c) { resolve(); return; }
        const v = c.value || {};
        const meta = (v.content && v.content.metadata && v.content.metadata.reading_the_crisis) || {};
        out[String(c.key)] = {version: meta.version || '', modified: v.last_modified || ''};
        c.continue();
      };
      cur.onerror = () => resolve();
    });
    db.close();
    return out;
  }
  async function forget(keys) {
    const db = await openDb();
    if (!db) return 0;
    const names = stores(db);
    if (!names.length) { db.close(); return 0; }
    await new Promise((resolve, reject) => {
      const tx = db.transaction(names, 'readwrite');
      for (const s of names) for (const k of keys) tx.objectStore(s).delete(k);
      tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error);
    });
    db.close();
    return keys.length;
  }
  async function refresh() {
    const saved = await savedCopies();
    for (const nb of SITE.notebooks) {
      const cell = document.querySelector(`[data-status="${nb}"]`);
      const mine = [nb, SITE.classroom + '/' + nb].filter((k) => saved[k]);
      if (!mine.length) { cell.textContent = "The course's copy."; cell.className = 'status'; continue; }
      const v = saved[mine[0]].version;
      const when = saved[mine[0]].modified ? ' saved ' + String(saved[mine[0]].modified).slice(0, 16).replace('T', ' ') : '';
      if (v && v === SITE.version) {
        cell.textContent = `Your own copy (${when.trim() || 'saved'}), from this course version.`;
        cell.className = 'status';
      } else {
        cell.textContent = `Your own copy (${when.trim() || 'saved'}), from ${v ? 'course version ' + v : 'an older course version'}: `
          + 'the course may have changed since. Reset it to see the current course.';
        cell.className = 'stale';
      }
    }
    const progress = Object.keys(saved).some((k) => k.startsWith(SITE.progressFolder + '/'));
    document.getElementById('rtc-progress').textContent = progress
      ? `Your quiz answers and predictions are saved in this browser (file ${SITE.progressFolder}/progress.json).`
      : 'No quiz answers saved in this browser yet.';
  }
  async function reset(notebooks) {
    const saved = await savedCopies();
    let keys = notebooks.flatMap((nb) => [nb, SITE.classroom + '/' + nb]);
    const alsoProgress = document.getElementById('rtc-also-progress').checked;
    if (alsoProgress) keys = keys.concat(Object.keys(saved).filter((k) => k.startsWith(SITE.progressFolder + '/')));
    const present = keys.filter((k) => saved[k]);
    await forget(present);
    await refresh();
    const what = notebooks.length === 1 ? notebooks[0] : 'every notebook';
    say(present.length
      ? `Done: ${what} is back to the course's copy${alsoProgress ? ', and your saved answers are deleted' : '; your quiz answers are kept'}.`
      : `Nothing to reset: ${what} is already the course's copy${alsoProgress ? ' and no answers were saved' : ''}.`);
  }
  for (const b of document.querySelectorAll('button[data-reset]')) {
    b.addEventListener('click', () => reset([b.dataset.reset]).catch((e) => say('Reset failed: ' + e)));
  }
  document.getElementById('rtc-reset-all').addEventListener('click', () => {
    reset(SITE.notebooks).catch((e) => say('Reset failed: ' + e));
  });
  refresh().catch(() => {});
})();
"""


#: JupyterLite's root config element: every app page reads it from the root ``index.html`` (config-utils.js)
ROOT_CONFIG = ('<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{}'
               '</script>')


def root_config(original_index: str) -> str:
    """The ``jupyter-config-data`` element of JupyterLite's own root ``index.html`` (kept in ours: without
    it no notebook page starts), or the default one.

    Examples
    --------
    >>> root_config('<head><script id="jupyter-config-data" type="application/json">{"a": 1}</script>')
    '<script id="jupyter-config-data" type="application/json">{"a": 1}</script>'
    """
    m = re.search(r'<script[^>]*id="jupyter-config-data".*?</script>', original_index, re.S)
    return m.group(0) if m else ROOT_CONFIG


def page(titles: list[tuple[str, str]], version: dict, config: str = ROOT_CONFIG) -> str:
    """The landing page's HTML for ``[(file name, title), ...]`` in course order and the course version.

    ``config`` is JupyterLite's root configuration element (see :func:`root_config`); unlike JupyterLite's
    own root page, this one does not redirect to the lab."""
    rows = []
    for name, title in titles:
        n, t = html.escape(name), html.escape(title or name)
        rows.append(
            f'<tr><td><strong>{t}</strong><br><span class="status">{n}</span></td>'
            f'<td><a href="lab/index.html?path={n}">Open</a></td>'
            f'<td><a href="lab/index.html?path={CLASSROOM}/{n}" aria-label="Classroom view of {t}">Classroom view</a></td>'
            f'<td data-status="{n}" class="status">Checking this browser&#8217;s copy&#8230;</td>'
            f'<td><button type="button" data-reset="{n}" aria-label="Reset {t} to the course&#8217;s copy">Reset'
            f'</button></td></tr>')
    site = {"version": version["version"], "notebooks": [n for n, _ in titles], "classroom": CLASSROOM,
            "storage": STORAGE["contentsStorageName"], "progressFolder": PYODIDE_FOLDER}
    v = html.escape(version["version"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reading the Crisis (in your browser)</title><style>{_CSS}</style>
{config}</head>
<body><main>
<h1>Reading the Crisis</h1>
<p class="version">Course version <strong id="rtc-version">{v}</strong>. Everything runs in this browser: nothing to install, and
nothing is sent anywhere.</p>
<p>Work through the notebooks in order. In a notebook, choose <em>Run &#9656; Run All Cells</em>; the first run takes
a few seconds while Python starts in the page. <em>Classroom view</em> opens the same notebook with the code
collapsed, for projecting in class.</p>
<table><caption class="status" style="text-align:left">The notebooks, in course order</caption>
<thead><tr><th scope="col">Notebook</th><th scope="col">Learn</th><th scope="col">Teach</th>
<th scope="col">In this browser</th><th scope="col">Reset</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<div class="box">
<p id="rtc-progress" class="status"></p>
<p>JupyterLite keeps your saved copy of a notebook in this browser and shows it instead of the course&#8217;s copy.
<strong>Reset</strong> puts the course&#8217;s copy back (your edits to that notebook are lost); your quiz answers and
predictions are kept unless you tick the box. Close the notebook in JupyterLite first, or it may save its old
copy again. To keep your answers elsewhere, download <code>{PYODIDE_FOLDER}/progress.json</code> from
JupyterLite&#8217;s file browser (right-click &#9656; Download).</p>
<p><label><input type="checkbox" id="rtc-also-progress"> Also delete my saved quiz answers and predictions</label></p>
<p><button type="button" id="rtc-reset-all">Reset every notebook to the course&#8217;s copy</button></p>
<p id="rtc-live" role="status" aria-live="polite"></p>
</div>
</main>
<script>window.RTC_SITE = {json.dumps(site)};</script>
<script>{_SCRIPT}</script>
</body></html>
"""


def write(out: Path, notebooks: list[Path], version: dict) -> Path:
    """Write ``out/index.html`` (replacing JupyterLite's redirect to the lab) for ``notebooks``."""
    titles = [(p.name, title_of(json.loads(p.read_text(encoding="utf-8")))) for p in notebooks]
    target = out / "index.html"
    config = root_config(target.read_text(encoding="utf-8")) if target.is_file() else ROOT_CONFIG
    target.write_text(page(titles, version, config), encoding="utf-8")
    return target
