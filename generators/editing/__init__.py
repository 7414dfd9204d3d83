"""Editors' tools beside the pipeline: fmt, new (skeleton.py), schema, the field reference
(fieldref.py, docs_cmd.py) and the link check.

Each reads the models of data/ (and checks/ for the references between kinds); no step of the
pipeline imports them.
"""
