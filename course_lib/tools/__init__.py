"""Build and maintenance tools for the course (not imported by ``course_lib`` at run time).

* :mod:`course_lib.tools.execute` -- ``make notebooks``: re-execute notebooks in place, deterministically.
* :mod:`course_lib.tools.site` -- ``make site``: the self-study static HTML export in ``_site/``.
* :mod:`course_lib.tools.present` -- ``make present``: classroom mode (Voila on 127.0.0.1, token on, code
  hidden), with the offline Voila template in ``jupyter/voila/templates/course``.

These use nbclient, nbconvert and friends from the ``test`` extra; the course itself never imports them.
"""
