"""The JSON Schema of the claimledger/1 contract and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema


@cache
def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one claimledger/1 document."""
    text = resources.files(__package__).joinpath("claimledger-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_document(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `data` is a valid claimledger/1 document.

    Beyond the schema, checks the offset rule: every item's text is article.text[start:end].
    """
    jsonschema.Draft202012Validator(document_schema()).validate(data)
    text = data["article"]["text"]
    for layer in ("sentences", "mentions", "timexes", "quantities", "attributions", "claims"):
        for i, item in enumerate(data[layer]):
            if text[item["start"] : item["end"]] != item["text"]:
                raise jsonschema.ValidationError(
                    f"{layer}[{i}]: text {item['text']!r} is not article.text"
                    f"[{item['start']}:{item['end']}]"
                )
