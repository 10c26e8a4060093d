#!/usr/bin/env python3
"""Checks the OpenAPI document that `budget-ledger serve` serves, and every answer the HTTP
tests received, against it: the status is documented for the route, the media type is one the
document gives for that status, and a JSON body matches its schema (JSON Lines bodies: every
line is a JSON object).

Usage: check-http-responses.py RESPONSE_LOG   (the file the tests wrote, see
Tests/CLITests/HTTP/ResponseLog.swift; the document is the body of its /openapi.yaml answer).
"""
import json
import re
import sys

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def pointer(*parts):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def resolve(document, node, location):
    """Follows a local $ref; returns the node and its JSON pointer."""
    while isinstance(node, dict) and "$ref" in node:
        location = node["$ref"][1:]
        node = document
        for part in location.split("/")[1:]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, location


def main():
    entries = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    documents = [e["body"] for e in entries if e["path"] == "/openapi.yaml" and e["status"] == 200]
    if not documents:
        sys.exit("no /openapi.yaml answer in the log")
    document = yaml.safe_load(documents[0])
    validate(document)
    registry = Registry().with_resource("urn:api", Resource.from_contents(document, default_specification=DRAFT202012))
    templates = []
    for template in document["paths"]:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")) + "$"
        templates.append((re.compile(pattern), template))
    failures = []
    for entry in entries:
        path = entry["path"].split("?")[0]
        method = entry["method"].lower()
        status = str(entry["status"])
        where = f'{entry["method"]} {entry["path"]} -> {status}'
        matches = [t for p, t in templates if p.match(path)]
        if not matches:
            # An unknown route must answer 404 not_found.
            if status != "404":
                failures.append(f"{where}: not a documented route")
            continue
        # A literal path wins over a template.
        template = sorted(matches, key=lambda t: t.count("{"))[0]
        operation = document["paths"][template].get(method)
        if operation is None:
            if status not in ("404", "405"):
                failures.append(f"{where}: method not documented")
            continue
        responses = operation["responses"]
        if status not in responses:
            failures.append(f"{where}: status not documented")
            continue
        response, location = resolve(document, responses[status], pointer("paths", template, method, "responses", status))
        media = entry["content_type"].split(";")[0].strip()
        content = response.get("content", {})
        if media not in content:
            failures.append(f"{where}: media type {media!r} not documented ({sorted(content)})")
            continue
        body = entry.get("body")
        if body is None:
            continue
        if media == "application/json":
            schema = {"$ref": "urn:api#" + location + pointer("content", media, "schema")}
            validator = Draft202012Validator(schema, registry=registry)
            errors = list(validator.iter_errors(json.loads(body)))
            if errors:
                failures.append(f"{where}: {errors[0].message}")
        elif media == "application/x-ndjson":
            for number, line in enumerate(body.splitlines(), 1):
                if not isinstance(json.loads(line), dict):
                    failures.append(f"{where}: line {number} is not a JSON object")
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"checked {len(entries)} answers against the OpenAPI document: {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
