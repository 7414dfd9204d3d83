"""Benchmarks of the whole pipeline at the size of a portal for all of Flanders.

`python -m benchmarks` measures, for synthetic data of several sizes, the time of load + checks,
of rendering and of the whole MkDocs build, peak memory, site size and the bytes a browser
fetches before the first search result, each beside a stock MkDocs + Material baseline with the
same number of pages of the same size. Not a pass/fail test: it reports, and CI runs it small
so that it cannot rot. See benchmarks/README.md.
"""
