"""Schema errors in plain words: one step from a pydantic error to what an editor reads.

An editor never sees a regular expression or pydantic's own wording. Each error is
translated from its ``type``, ``ctx`` and ``loc``, with what the field holds read from the
model's JSON schema, where the model declares it in words:

* ``meaning(...)`` on a patterned text says what the pattern stands for ("a web address
  (http:// or https://)"), so a mismatch reads "must be a web address ...";
* ``noun(...)`` on a list names one of its entries ("question and answer"), so an empty
  list reads "needs at least one question and answer".

Any error type not handled by name still comes out as "must be <what the schema expects>".
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

MEANING = "x-meaning"
NOUN = "x-noun"
DATE_EXAMPLE = "2026-11-27"


def meaning(words: str) -> dict[str, str]:
    """``json_schema_extra`` for a patterned text: what a valid value is, as a noun phrase."""
    return {MEANING: words}


def noun(word: str) -> dict[str, str]:
    """``json_schema_extra`` for a list: what one of its entries is called."""
    return {NOUN: word}


def _resolve(schema: dict, node: dict) -> dict:
    """``node`` with ``$ref`` followed and a nullable ``anyOf`` reduced to its non-null branch."""
    while True:
        outer = {k: v for k, v in node.items() if k not in ("$ref", "anyOf")}
        if "$ref" in node:
            inner = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            branches = [b for b in node["anyOf"] if b.get("type") != "null"]
            if len(branches) != 1:
                return node
            inner = branches[0]
        else:
            return node
        node = {**inner, **outer}


def node_at(schema: dict, loc: Sequence[str | int]) -> dict | None:
    """The schema of the value at ``loc`` (an error's location), or None when the schema has no such place."""
    node: dict | None = schema
    for part in loc:
        node = _resolve(schema, node)
        node = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        if node is None:
            return None
    return _resolve(schema, node)


def _number(value: float) -> str:
    return f"{value:,}"


def _range(node: dict) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f" between {_number(low)} and {_number(high)}"
    parts = []
    if low is not None:
        parts.append(f"{_number(low)} or more")
    if "exclusiveMinimum" in node:
        parts.append(f"more than {_number(node['exclusiveMinimum'])}")
    if high is not None:
        parts.append(f"at most {_number(high)}")
    if "exclusiveMaximum" in node:
        parts.append(f"less than {_number(node['exclusiveMaximum'])}")
    return ", " + " and ".join(parts) if parts else ""


def _either(values: Sequence[Any]) -> str:
    quoted = [repr(v) for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def expected(node: dict) -> str | None:
    """What the schema ``node`` takes, in words ("a whole number between 0 and 100"), or None if unknown."""
    if MEANING in node:
        return node[MEANING]
    if "enum" in node or "const" in node:
        return _either(node.get("enum", [node.get("const")]))
    kind = node.get("type")
    if kind == "string" and node.get("format") == "date":
        return f"a date written YYYY-MM-DD, such as '{DATE_EXAMPLE}'"
    described = {
        "string": "text",
        "integer": "a whole number" + _range(node),
        "number": "a number" + _range(node),
        "boolean": "true or false",
        "array": f"a list, one '- ' line per {node.get(NOUN, 'entry')}",
        "object": "a group of fields, one 'name: value' line each",
    }
    return described.get(kind)


_KINDS = {
    "int": "integer",
    "float": "number",
    "string": "string",
    "bool": "boolean",
    "list": "array",
    "dict": "object",
    "model": "object",
}
_LIMITS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _node_from_error(error: dict) -> dict:
    """A stand-in schema node built from the error alone, for a place the schema does not describe."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind.startswith("date"):
        return {"type": "string", "format": "date"}
    node: dict[str, Any] = {_LIMITS[k]: v for k, v in ctx.items() if k in _LIMITS}
    if kind == "literal_error" and "expected" in ctx:
        node[MEANING] = str(ctx["expected"])
    if kind.split("_")[0] in _KINDS:
        node["type"] = _KINDS[kind.split("_")[0]]
    elif node:
        node["type"] = "number"
    return node


def given(value: Any) -> str:
    """What the editor wrote, in words: "the text 'x'", "the number 42", "nothing"..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "a value of another kind"


def _hint(node: dict, value: Any) -> str:
    if node.get("type") == "string" and "format" not in node and isinstance(value, int | float | bool):
        return " (put it in quotes if it is text)"
    if node.get("type") == "integer" and isinstance(value, str) and value.strip().isdigit():
        return " (write it without quotes)"
    if node.get("type") == "integer" and isinstance(value, str):
        return " (digits only)"
    return ""


def _unknown_field(schema: dict, loc: Sequence[str | int]) -> str:
    parent = node_at(schema, loc[:-1]) or {}
    names = list(parent.get("properties", {}))
    if not names:
        return f"unknown field {loc[-1]!r}"
    close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.8)
    advice = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown field {loc[-1]!r} (expected one of: {', '.join(names)}){advice}"


def _too_short(node: dict, ctx: dict) -> str:
    entry = node.get(NOUN, "entry")
    wanted, actual = ctx.get("min_length", 1), ctx.get("actual_length", 0)
    if wanted == 1:
        return f"needs at least one {entry} (the list is empty)"
    return f"needs at least {wanted} entries (each a {entry}), not {actual}"


def plain(error: dict, schema: dict) -> str:
    """The message for one pydantic error (``ValidationError.errors()`` item), in plain English words."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, tuple(error["loc"])
    value = error.get("input")
    node = node_at(schema, loc) or _node_from_error(error)
    if kind == "missing":
        return "required field missing"
    if kind == "extra_forbidden":
        return _unknown_field(schema, loc)
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    if kind == "too_short":
        return _too_short(node, ctx)
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} entries; at most {ctx.get('max_length')} are allowed"
    if kind == "string_too_short":
        return f"must be at least {ctx.get('min_length')} characters long"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters long (this one has {len(str(value))})"
    if kind == "string_pattern_mismatch" and MEANING not in node:
        return f"{given(value)} is not written in the form this field takes"
    what = expected(node)
    if what is None:
        return f"{given(value)} is not accepted here"
    return f"must be {what}; found {given(value)}{_hint(node, value)}"
