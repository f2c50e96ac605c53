"""The JSON Schema of the claimledger/1 contract and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from claimledger.model import Document, OffsetError


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
    try:
        Document.from_dict(data).check_offsets()  # every layer, nested spans included
    except OffsetError as error:
        raise jsonschema.ValidationError(str(error)) from None
