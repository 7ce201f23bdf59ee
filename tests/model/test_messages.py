"""Every message a schema violation can give, in plain words.

The cases are generated from the JSON schemas of a sheet and of a brand: for each constraint
(type, pattern, format, minimum/maximum, minLength/maxLength, minItems/maxItems, enum, required,
additionalProperties) one bad file is made by breaking the valid sample at that field alone.
Each message must name the field and its file:line, and show no regular expression and no
pydantic wording.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from brochure.core import paths
from brochure.model import messages, sources, yamlsafe
from brochure.present import brand
from tests.conftest import SOURCE

UNKNOWN = "champ_inconnu"
JARGON = re.compile(
    r"pydantic|input should|after validation|string should|should match|should have|validation error|"
    r"value error|type=|literal_error|_type\b|_parsing\b|extra inputs|pattern|errors\.pydantic\.dev|"
    r"dictionary or instance|model_attributes",
    re.IGNORECASE,
)
REGEX = re.compile(r"\^|\\[a-zA-Z]|\$'|\$\)|\[\^|\]\*|\]\+|\]\{|\)\*|\)\+|\(\?|\{\d+,")
SAMPLE_BRAND = paths.LAYOUTS / "brands" / "lycee-exemple" / "brand.yaml"


def resolve(schema: dict, node: dict) -> dict:
    """``node`` with ``$ref`` followed and a nullable ``anyOf`` reduced to its other branch."""
    while "$ref" in node or "anyOf" in node:
        outer = {k: v for k, v in node.items() if k not in ("$ref", "anyOf")}
        if "$ref" in node:
            inner = schema["$defs"][node["$ref"].split("/")[-1]]
        else:
            (inner,) = [b for b in node["anyOf"] if b.get("type") != "null"]
        node = {**inner, **outer}
    return node


def node_of(schema: dict, path: tuple) -> dict:
    node = resolve(schema, schema)
    for part in path:
        node = resolve(schema, node["items"] if isinstance(part, int) else node["properties"][part])
    return node


def example(schema: dict, node: dict) -> Any:
    """A valid value for ``node`` (the valid sample has no value there)."""
    node = resolve(schema, node)
    kind = node.get("type")
    if kind == "object":
        return {name: example(schema, node["properties"][name]) for name in node.get("required", [])}
    if kind == "array":
        return [example(schema, node["items"])] * max(node.get("minItems", 0), 1)
    if kind == "integer":
        return node.get("minimum", 0)
    return "2026-01-01" if node.get("format") == "date" else "texte"


WRONG_TYPE = {"string": 42, "integer": "douze", "number": "douze", "boolean": "peut-être", "array": "texte"}


def breakages(node: dict) -> Iterator[tuple[str, Any]]:
    """(constraint, bad value) for each constraint of one value's schema."""
    if "type" in node:
        yield "type", WRONG_TYPE.get(node["type"], "texte")
    if "pattern" in node:
        yield "pattern", "Pas valable !"
    if node.get("format") == "date":
        yield "format", "2026-13-45"
    for key, delta in (("minimum", -1), ("maximum", 1), ("exclusiveMinimum", 0), ("exclusiveMaximum", 0)):
        if key in node:
            yield key, node[key] + delta
    if "minLength" in node:
        yield "minLength", "a" * (node["minLength"] - 1)
    if "maxLength" in node:
        yield "maxLength", "a" * (node["maxLength"] + 1)
    if "minItems" in node:
        yield "minItems", "first-items"
    if "maxItems" in node:
        yield "maxItems", "more-items"
    if "enum" in node or "const" in node:
        yield "enum", "valeur-inconnue"


def constraints(schema: dict, path: tuple = ()) -> Iterator[tuple[tuple, str, Any]]:
    """(path, constraint, bad value or action) for every constraint reachable from ``path``."""
    node = node_of(schema, path)
    if path:
        for keyword, bad in breakages(node):
            yield path, keyword, bad
    for name in node.get("required", []):
        yield path + (name,), "required", "remove"
    if node.get("additionalProperties") is False:
        yield path + (UNKNOWN,), "additionalProperties", "add"
    for name in node.get("properties", {}):
        yield from constraints(schema, path + (name,))
    if "items" in node:
        yield from constraints(schema, path + (0,))


def place(data: Any, schema: dict, path: tuple) -> Any:
    """The container holding ``path``'s last part, created from valid examples where the sample has none."""
    here = data
    for i, part in enumerate(path[:-1]):
        child = node_of(schema, path[: i + 1])
        if isinstance(part, int):
            while len(here) <= part:
                here.append(example(schema, child))
        elif here.get(part) is None:
            here[part] = example(schema, child)
        here = here[part]
    if isinstance(path[-1], int):
        while len(here) <= path[-1]:
            here.append(example(schema, node_of(schema, path)))
    return here


def broken(data: Any, schema: dict, path: tuple, bad: Any) -> Any:
    data = copy.deepcopy(data)
    holder, last = place(data, schema, path), path[-1]
    if bad == "remove":
        del holder[last]
    elif bad == "add":
        holder[last] = "x"
    elif bad == "first-items":
        holder[last] = (holder.get(last) or [])[: node_of(schema, path)["minItems"] - 1]
    elif bad == "more-items":
        items = holder.get(last) or [example(schema, node_of(schema, path + (0,)))]
        holder[last] = items[:1] * (node_of(schema, path)["maxItems"] + 1)
    else:
        holder[last] = bad
    return data


def expected_words(schema: dict, path: tuple, keyword: str) -> str:
    """What the message for a constraint must say, from the schema's own words."""
    node = node_of(schema, path) if keyword not in ("required", "additionalProperties") else {}
    words = {
        "required": "required field missing",
        "additionalProperties": f"unknown field '{UNKNOWN}' (expected one of: ",
        "pattern": f"must be {node.get(messages.MEANING)}; found the text 'Pas valable !'",
        "format": "must be a date written YYYY-MM-DD",
        "minItems": f"needs at least one {node.get(messages.NOUN)}",
        "maxLength": f"must be at most {node.get('maxLength')} characters long",
        "enum": "must be " + " or ".join(repr(v) for v in node.get("enum", [])),
        "minimum": f"{node.get('minimum'):,}" if "minimum" in node else "",
        "maximum": f"{node.get('maximum'):,}" if "maximum" in node else "",
    }
    return words.get(keyword, "must be ")


SHEET_DATA = yamlsafe.loads(SOURCE.read_text(encoding="utf-8")).data
BRAND_DATA = yamlsafe.loads(SAMPLE_BRAND.read_text(encoding="utf-8")).data
SCHEMAS = {"sheet": sources.json_schema(), "brand": brand.Brand.model_json_schema()}
CASES = [(model, *case) for model in SCHEMAS for case in constraints(SCHEMAS[model])]


def load_sheet(tmp_path: Path, data: Any) -> tuple[str, list[str]]:
    path = tmp_path / SOURCE.name
    text = yamlsafe.dumps(data, header=sources.SCHEMA_COMMENT)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sources.SheetError) as caught:
        sources.load(path)
    return text, [str(p) for p in caught.value.problems]


def load_brand(tmp_path: Path, data: Any) -> tuple[str, list[str]]:
    (tmp_path / "ecole").mkdir()
    text = yamlsafe.dumps(data)
    (tmp_path / "ecole" / "brand.yaml").write_text(text, encoding="utf-8")
    brand.load.cache_clear()
    with pytest.raises(brand.BrandError) as caught:
        brand.load("ecole")
    return text, [str(caught.value)]


LOADERS: dict[str, tuple[Any, Callable[[Path, Any], tuple[str, list[str]]], str]] = {
    "sheet": (SHEET_DATA, load_sheet, SOURCE.name),
    "brand": (BRAND_DATA, load_brand, "ecole/brand.yaml"),
}


def assert_plain(message: str) -> None:
    assert not JARGON.search(message), message
    assert not REGEX.search(message), message
    assert "Traceback" not in message


@pytest.fixture()
def brands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(brand, "BRANDS", tmp_path)
    yield tmp_path
    brand.load.cache_clear()


@pytest.mark.parametrize(
    ("model", "path", "keyword", "bad"),
    CASES,
    ids=[f"{model}:{sources.field_path(path)}:{keyword}" for model, path, keyword, _ in CASES],
)
def test_every_schema_violation_reads_in_plain_words(
    brands: Path, model: str, path: tuple, keyword: str, bad: Any
) -> None:
    sample, load, name = LOADERS[model]
    text, problems = load(brands, broken(sample, SCHEMAS[model], path, bad))
    assert len(problems) == 1, problems
    message = problems[0]
    field = sources.field_path(path)
    line, column = yamlsafe.loads(text).position(path)
    assert message.startswith(f"{brands / name}:{line}:{column}: "), message
    assert f" {field}: " in message, message
    assert expected_words(SCHEMAS[model], path, keyword) in message, message
    assert_plain(message)


def test_the_generated_cases_cover_every_kind_of_constraint() -> None:
    kinds = {keyword for _, _, keyword, _ in CASES}
    wanted = {"type", "pattern", "format", "minimum", "maximum", "maxLength", "minItems", "enum", "required"}
    assert wanted | {"additionalProperties"} <= kinds
    assert len(CASES) >= 200, len(CASES)
    assert sum(model == "brand" for model, *_ in CASES) >= 10


@pytest.mark.parametrize(
    ("loc", "message"),
    [
        (("provenance", "source_url"), "provenance.source_url: must be a web address (http:// or https://)"),
        (("faq", "items"), "faq.items: needs at least one question and answer"),
    ],
)
def test_the_issue_examples(tmp_path: Path, loc: tuple, message: str) -> None:
    bad = "string should match" if loc[0] == "provenance" else []
    _, problems = load_sheet(tmp_path, broken(SHEET_DATA, SCHEMAS["sheet"], loc, bad))
    assert message in problems[0]


class Everything(BaseModel):
    """Types the sheet does not use yet, to show the fallback for error types not handled by name."""

    model_config = ConfigDict(extra="forbid")
    ratio: float = Field(gt=0, lt=1)
    flag: bool
    when: dt.datetime
    day: dt.date
    code: uuid.UUID
    price: Decimal = Field(max_digits=4, decimal_places=2)
    kind: Literal["a", "b"]
    pair: tuple[int, int]
    tags: set[str] = Field(max_length=2)
    table: dict[str, int]
    name: str = Field(min_length=3, max_length=5)


BAD_EVERYTHING = {
    "ratio": 3,
    "flag": "peut-être",
    "when": "hier",
    "day": "2026-02-30",
    "code": "x",
    "price": "123.456",
    "kind": "c",
    "pair": [1],
    "tags": ["a", "b", "c"],
    "table": {"a": "b"},
    "name": "ab",
    "other": 1,
}


def test_error_types_not_handled_by_name_still_read_in_plain_words() -> None:
    with pytest.raises(ValidationError) as caught:
        Everything.model_validate(BAD_EVERYTHING)
    schema = Everything.model_json_schema()
    errors = caught.value.errors(include_url=False)
    assert len(errors) >= len(BAD_EVERYTHING)
    said = {sources.field_path(e["loc"]): messages.plain(e, schema) for e in errors}
    for message in said.values():
        assert_plain(message)
    assert said["ratio"] == "must be a number, more than 0 and less than 1; found the number 3"
    assert said["flag"] == "must be true or false; found the text 'peut-être'"
    assert said["kind"] == "must be 'a' or 'b'; found the text 'c'"
    assert said["name"] == "must be at least 3 characters long"
    assert said["other"].startswith("unknown field 'other' (expected one of: ratio, flag,")


def test_a_place_the_schema_does_not_describe_still_reads_in_plain_words() -> None:
    error = {"type": "url_parsing", "loc": ("nowhere",), "input": "x", "ctx": {"error": "relative URL"}}
    assert messages.plain(error, {}) == "the text 'x' is not accepted here"
    error = {"type": "int_parsing", "loc": ("a", 3, "b"), "input": "2 000"}
    assert messages.plain(error, {}) == "must be a whole number; found the text '2 000' (digits only)"
