"""Build and maintenance tools for the course (not imported by ``course_lib`` at run time).

* :mod:`course_lib.tools.execute` -- ``make notebooks``: re-execute notebooks in place, deterministically.
* :mod:`course_lib.tools.site` -- ``make site``: the self-study static HTML export in ``_site/``.
* ``jupyter/voila/templates/course`` -- the offline Voila template of ``make present`` (classroom mode).

These use nbclient, nbconvert and friends from the ``test`` extra; the course itself never imports them.
"""
