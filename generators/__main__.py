"""`python -m generators COMMAND`: run it, then exit at once."""

import os
import sys

from .cli import main

code = main()
# Everything written is closed or flushed here, so the process can end without freeing, object by
# object, the millions of objects a large run made (a tenth of a second at 10,000 organisations).
for stream in (sys.stdout, sys.stderr):
    try:
        stream.flush()
    except (BrokenPipeError, ValueError):  # the reader stopped reading, or the stream is closed
        pass
os._exit(code)
