"""Built pages without the indentation and blank lines of the theme's templates.

Material's templates indent every line; on a record's page that is a fifth of its bytes. A run
of white space that holds a line break is one line break, outside <pre> and <textarea>, whose
white space is their content. Every other element treats any run of white space as one space,
so a page looks and reads the same.
"""

from __future__ import annotations

import re

KEPT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
BREAK = re.compile(r"[ \t]*\n\s*")


def squeeze(html: str) -> str:
    pieces = KEPT.split(html)
    pieces[::2] = [BREAK.sub("\n", piece) for piece in pieces[::2]]
    return "".join(pieces)
