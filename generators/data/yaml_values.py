"""What a plain (unquoted) YAML value means here, and where YAML 1.1 tools would read it otherwise.

The one place for these rules: the exact reader (yamlsource) resolves values with them, the fast
reader (fastyaml) passes only files whose plain values they read alike, and fmt quotes what
yaml11_hazard names.
"""

from __future__ import annotations

import re
from typing import Any

# The words that are not text, as YAML 1.2 reads them (and as YAML 1.1 does too).
NULL_WORDS = ("~", "null", "Null", "NULL")
BOOL_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# The words that only YAML 1.1 reads as yes/no.
YAML11_BOOL_WORDS = ("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF")

_NULL = re.compile(rf"^(?:{'|'.join(map(re.escape, NULL_WORDS))})?$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?$|^[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+$")

# What YAML 1.1 (PyYAML, many other tools) reads differently from text, and how to explain it.
_YAML11_BOOL = re.compile(rf"^(?:{'|'.join(YAML11_BOOL_WORDS)})$")
_YAML11_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_YAML11_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_YAML11_OTHER_NUMBER = re.compile(r"^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7]+|[0-9][0-9_]*_[0-9_]*|\.(?:inf|Inf|INF|nan|NaN|NAN))$")

MAX_NODES = 200_000  # far above any real data file; stops a crafted file from exhausting memory


def yaml11_hazard(text: str) -> str | None:
    """Why a plain (unquoted) scalar would be misread by YAML 1.1 tools, or None."""
    if _YAML11_BOOL.match(text):
        value = text.lower() in ("y", "yes", "on")
        return f"{text} without quotes is read as the yes/no value {str(value).lower()} by YAML 1.1 tools"
    if _YAML11_SEXAGESIMAL.match(text):
        total = 0
        for part in text.lstrip("+-").split(":"):
            total = total * 60 + float(part.replace("_", "") or 0)
        return f"{text} without quotes is read as the number {total:g} by YAML 1.1 tools"
    if _YAML11_LEADING_ZERO.match(text):
        return f"{text} without quotes is read as a number by YAML tools, which drops the leading zero"
    if _YAML11_OTHER_NUMBER.match(text):
        return f"{text} without quotes is read as a number by YAML tools"
    return None


def resolve_plain(text: str) -> tuple[Any, str | None]:
    """A plain scalar's value as YAML 1.2 reads it, and why YAML 1.1 would read it otherwise."""
    if _NULL.match(text):
        return None, None
    if text in BOOL_WORDS:
        return BOOL_WORDS[text], None
    if _INT.match(text):
        return int(text), None
    if _FLOAT.match(text):
        return float(text), None
    return text, yaml11_hazard(text)
