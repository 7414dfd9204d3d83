"""Step 1 of the pipeline, reading: the data model, its field types, YAML read with positions, loading.

Owns what a data file means (model.py, fields.py, yaml_values.py), how it is read (yamlsource.py,
and fastyaml.py for clean files), the messages editors get (diagnostics.py), the loaded Catalogue,
and the helpers of the speed-ups: filecache.py remembers files and reports, collection.py pauses
garbage collection, forking.py says whether work may be shared with a forked copy. Imports
nothing else of generators/: every later step reads from here.
"""
