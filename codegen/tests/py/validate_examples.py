"""Validates every example of an OpenAPI 3.1 document against its schema.

Usage: validate_examples.py DOCUMENT.yaml

Media-type examples (`content.*.examples.*.value`, `content.*.example`) of
every component response and of every operation's responses are checked
against the media type's schema, and a schema's own `examples` against that
schema, with JSON Schema 2020-12 (OpenAPI 3.1's dialect; `x-` keywords are
annotations). References resolve inside the document. Prints one JSON line:
{"validated": N, "errors": [...]}; exits 1 when an example is invalid.
"""

import json
import sys

import yaml
from jsonschema import Draft202012Validator


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    components = doc.get("components") or {}
    errors = []
    validated = 0

    def check(schema, value, where):
        nonlocal validated
        root = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": components}
        root.update(schema)
        validator = Draft202012Validator(root)
        for error in validator.iter_errors(value):
            errors.append(f"{where}: {error.message}")
        validated += 1

    def resolve(node):
        # A response or example given by $ref inside the document.
        while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/"):
            target = doc
            for part in node["$ref"][2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def check_response(response, where):
        response = resolve(response)
        for media, content in (response.get("content") or {}).items():
            schema = content.get("schema")
            if schema is None:
                continue
            for name, example in (content.get("examples") or {}).items():
                example = resolve(example)
                if "value" in example:
                    check(schema, example["value"], f"{where} {media} example {name}")
            if "example" in content:
                check(schema, content["example"], f"{where} {media} example")

    for name, response in (components.get("responses") or {}).items():
        check_response(response, f"components.responses.{name}")
    for route, item in (doc.get("paths") or {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                for status, response in operation["responses"].items():
                    check_response(response, f"{method.upper()} {route} {status}")
    for name, schema in (components.get("schemas") or {}).items():
        for i, value in enumerate(schema.get("examples") or []):
            check(schema, value, f"components.schemas.{name} example {i}")

    print(json.dumps({"validated": validated, "errors": errors}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
