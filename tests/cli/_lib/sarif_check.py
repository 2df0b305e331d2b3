"""SARIF checks for the tests/cli cases (import sarif_check, or run `python3 sarif_check.py FILE...`).

validate(doc) validates a SARIF log against the official SARIF 2.1.0 JSON schema
(../shared/schemas/sarif-schema-2.1.0.json next to the repository, or $MS_SARIF_SCHEMA) with
the `jsonschema` package: Debian's python3-jsonschema (scripts/deps.sh installs it). When the
interpreter running the tests cannot import it (a pyenv or venv Python), the validation runs
under /usr/bin/python3, where Debian's package lives. Nothing is ever fetched: every $ref of
the schema is local, and remote retrieval is refused outright should one appear.

check_github(doc) checks what GitHub code scanning needs beyond the schema (docs/sarif.md).

validate_json_report(doc) validates our own JSON report against docs/json-schema.json the same way.

validate_gitlab(doc) validates a GitLab SAST report against gitlab-sast-report-format.json here.
"""

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SYSTEM_PYTHON = "/usr/bin/python3"

LEVEL = {"CRITICAL": "error", "HIGH": "warning", "MEDIUM": "note", "LOW": "note", "INFO": "note"}
SECURITY_SEVERITY = {"CRITICAL": "9.5", "HIGH": "8.0", "MEDIUM": "5.5", "LOW": "3.0", "INFO": None}
LINE_HASH = re.compile(r"^[0-9a-f]{1,16}:[1-9][0-9]*$")
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
# RFC 3986: what may appear in a URI reference (percent-encoded octets aside).
URI_CHARS = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


class SarifError(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise SarifError(msg)


def schema_path():
    """The official schema: $MS_SARIF_SCHEMA, else ../shared/schemas/ beside the repository (where
    CI has it). Outside CI a checkout without it skips schema validation with a warning (the
    structural checks still run); in CI (CI set) its absence is a failure."""
    p = os.environ.get("MS_SARIF_SCHEMA") or os.path.join(os.path.dirname(ROOT), "shared", "schemas",
                                                           "sarif-schema-2.1.0.json")
    if not os.path.isfile(p) and not os.environ.get("CI"):
        sys.stderr.write("warning: SARIF schema not found at %s (set MS_SARIF_SCHEMA): "
                         "schema validation skipped\n" % p)
        return None
    expect(os.path.isfile(p), "SARIF schema not found at %s (set MS_SARIF_SCHEMA)" % p)
    return p


def _refuse(uri):
    raise SarifError("the schema asked for a remote reference %r: refused (no downloads in tests)" % uri)


def _validators(schema):
    """(name, validator) for the schema's own draft (draft-04 for the errata01 schema) and
    Draft 7, each with remote retrieval disabled and format checking on."""
    import jsonschema
    declared = jsonschema.validators.validator_for(schema)
    classes = [declared] + ([jsonschema.Draft7Validator] if declared is not jsonschema.Draft7Validator else [])
    out = []
    for cls in classes:
        checker = getattr(cls, "FORMAT_CHECKER", None)
        try:  # jsonschema >= 4.18: the `referencing` library, with retrieval refused
            import referencing
            import referencing.jsonschema
            spec = referencing.jsonschema.specification_with(cls.META_SCHEMA["$schema"])
            resource = referencing.Resource.from_contents(schema, default_specification=spec)
            uid = schema.get("$id") or schema.get("id") or ""
            registry = referencing.Registry(retrieve=_refuse).with_resource(uid, resource)
            v = cls(schema, registry=registry, format_checker=checker)
        except ImportError:  # older jsonschema (Debian bookworm's 4.10): RefResolver
            uid = schema.get("$id") or schema.get("id") or ""
            resolver = jsonschema.RefResolver(uid if cls is declared else "", schema, store={uid: schema},
                                              handlers={"http": _refuse, "https": _refuse})
            v = cls(schema, resolver=resolver, format_checker=checker)
        out.append((cls.__name__, v))
    return out


def _validate_here(doc, schema):
    problems = []
    for name, v in _validators(schema):
        for err in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))[:10]:
            where = "/".join(str(p) for p in err.absolute_path)
            problems.append("%s: /%s: %s" % (name, where, err.message[:300]))
    return problems


def validate(doc):
    """Raises SarifError listing the schema violations of doc (a parsed SARIF log)."""
    path = schema_path()
    if path is None:
        return
    _validate_against(doc, path, "SARIF 2.1.0")
    _check_formats(doc)


JSON_REPORT_SCHEMA = os.path.join(ROOT, "docs", "json-schema.json")


def validate_json_report(doc):
    """Raises SarifError listing the violations of doc (a parsed `--output json` report) of our
    published schema, docs/json-schema.json, with the same validator as SARIF."""
    _validate_against(doc, JSON_REPORT_SCHEMA, "an mcp-sentinel JSON report (docs/json-schema.json)")


GITLAB_SAST_SCHEMA = os.path.join(HERE, "gitlab-sast-report-format.json")


def validate_gitlab(doc):
    """Raises SarifError listing the violations of doc (a parsed `--output gitlab` report) of
    GitLab's SAST report schema 15.x as restated in gitlab-sast-report-format.json (upstream's
    schema is in no package registry reachable here; see the file's $comment)."""
    _validate_against(doc, GITLAB_SAST_SCHEMA, "a GitLab SAST report (schema 15.x)")
    ids = [v.get("id") for v in doc.get("vulnerabilities", [])]
    expect(len(set(ids)) == len(ids), "GitLab vulnerability ids are not unique")


def _validate_against(doc, path, what):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        import jsonschema  # noqa: F401
        problems = _validate_here(doc, schema)
    except ImportError:
        expect(os.path.exists(SYSTEM_PYTHON), "no jsonschema module and no %s: install python3-jsonschema"
               % SYSTEM_PYTHON)
        proc = subprocess.run([SYSTEM_PYTHON, os.path.abspath(__file__), "--stdin", path], input=json.dumps(doc),
                              capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=""))
        expect(proc.returncode in (0, 1), "validator under %s failed: %s" % (SYSTEM_PYTHON, proc.stderr.strip()))
        problems = [l for l in proc.stdout.splitlines() if l.strip()]
    expect(not problems, "not valid %s:\n  " % what + "\n  ".join(problems))


def _walk(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, path + "/" + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, "%s/%d" % (path, i))
    else:
        yield path, node


def _check_formats(doc):
    """The schema's "uri" and "date-time" formats, which jsonschema checks only when optional
    packages are installed."""
    for path, value in _walk(doc):
        key = path.rsplit("/", 1)[-1]
        if key in ("uri", "helpUri", "informationUri", "$schema"):
            expect(isinstance(value, str) and URI_CHARS.match(value), "%s: %r is not a URI" % (path, value))
        if key.endswith("TimeUtc"):
            expect(isinstance(value, str) and DATE_TIME.match(value), "%s: %r is not a UTC date-time" % (path, value))


def run_of(doc):
    expect(isinstance(doc.get("runs"), list) and len(doc["runs"]) == 1, "expected exactly one run")
    return doc["runs"][0]


def check_github(doc, category="mcp-sentinel/"):
    """GitHub code scanning's ingestion rules and our own contract (docs/sarif.md)."""
    expect(doc.get("$schema") == "https://json.schemastore.org/sarif-2.1.0.json", "$schema %r" % doc.get("$schema"))
    expect(doc.get("version") == "2.1.0", "version %r" % doc.get("version"))
    run = run_of(doc)
    expect(run.get("automationDetails", {}).get("id") == category,
           "automationDetails.id %r, expected %r" % (run.get("automationDetails"), category))
    expect(run.get("columnKind") == "unicodeCodePoints", "columnKind %r" % run.get("columnKind"))
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri", "")
    expect(base.startswith("file:///") and base.endswith("/"), "originalUriBaseIds %%SRCROOT%% %r" % base)
    driver = run["tool"]["driver"]
    expect(driver.get("name") == "mcp-sentinel", "driver.name %r" % driver.get("name"))
    expect(re.match(r"^\d+\.\d+\.\d+", driver.get("semanticVersion", "")), "semanticVersion %r"
           % driver.get("semanticVersion"))
    expect(driver.get("informationUri", "").startswith("https://"), "informationUri")
    rules = driver.get("rules", [])
    expect(rules, "driver.rules is empty")
    ids = [r["id"] for r in rules]
    expect(len(set(ids)) == len(ids), "duplicate rule ids")
    expect(ids == sorted(ids), "rules are not in ruleset (id) order")
    for r in rules:
        for key in ("id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration",
                    "properties"):
            expect(key in r, "rule %s has no %s" % (r.get("id"), key))
        expect(re.match(r"^[A-Z][A-Za-z0-9]*$", r["name"]), "rule name %r is not CamelCase" % r["name"])
        expect(r["shortDescription"].get("text") and r["fullDescription"].get("text"), "rule %s descriptions" % r["id"])
        expect(r["help"].get("text") and r["help"].get("markdown"), "rule %s help" % r["id"])
        props = r["properties"]
        tags = props.get("tags", [])
        expect(len(tags) <= 10 and len(set(tags)) == len(tags), "rule %s tags %r" % (r["id"], tags))
        expect("security" in tags, "rule %s: no 'security' tag" % r["id"])
        cwe = [t for t in tags if re.match(r"^external/cwe/cwe-[1-9][0-9]*$", t)]
        expect(len(cwe) == 1, "rule %s: exactly one external/cwe/cwe-N tag expected, got %r" % (r["id"], tags))
        expect(props.get("precision") in ("very-high", "high", "medium", "low"), "rule %s precision" % r["id"])
        level = r["defaultConfiguration"].get("level")
        expect(level in ("error", "warning", "note"), "rule %s default level %r" % (r["id"], level))
        score = props.get("security-severity")
        expect(score is None or (isinstance(score, str) and score in ("9.5", "8.0", "5.5", "3.0")),
               "rule %s security-severity %r" % (r["id"], score))
        sev = {"9.5": "CRITICAL", "8.0": "HIGH", "5.5": "MEDIUM", "3.0": "LOW", None: "INFO"}[score]
        expect(LEVEL[sev] == level, "rule %s: level %r does not match security-severity %r" % (r["id"], level, score))
    # GitHub's limits per run and per result (docs/sarif.md, "GitHub's limits").
    expect(len(rules) <= 25000 and len(run.get("results", [])) <= 25000, "over 25,000 rules or results in a run")
    for res in run.get("results", []):
        flows = [tf.get("locations", []) for cf in res.get("codeFlows", []) for tf in cf.get("threadFlows", [])]
        expect(all(len(f) <= 1000 for f in flows) and len(res.get("relatedLocations", [])) <= 1000,
               "a result with more than 1,000 locations in a flow or relatedLocations")
        expect(res.get("ruleId") in ids, "result ruleId %r not in driver.rules" % res.get("ruleId"))
        expect(ids[res.get("ruleIndex", -1)] == res["ruleId"], "ruleIndex %r does not point at %r"
               % (res.get("ruleIndex"), res["ruleId"]))
        sev = res.get("properties", {}).get("severity")
        expect(sev in LEVEL, "result properties.severity %r" % sev)
        expect(res.get("level") == LEVEL[sev], "result level %r for %s" % (res.get("level"), sev))
        expect(res.get("properties", {}).get("confidence") in ("high", "medium", "low"), "result confidence")
        expect(res.get("message", {}).get("text"), "result without message.text")
        expect(len(res.get("locations", [])) == 1, "result must have one location")
        pl = res["locations"][0]["physicalLocation"]
        art = pl["artifactLocation"]
        if art["uri"].startswith("file://"):
            expect("uriBaseId" not in art, "absolute URI with a uriBaseId: %r" % art)
        else:
            expect(art.get("uriBaseId") == "%SRCROOT%", "relative URI without %%SRCROOT%%: %r" % art)
            expect(not art["uri"].startswith("/") and ":" not in art["uri"], "uri %r" % art["uri"])
        reg = pl["region"]
        for k in ("startLine", "startColumn", "endLine", "endColumn"):
            expect(isinstance(reg.get(k), int) and reg[k] >= 1, "region.%s %r" % (k, reg.get(k)))
        expect((reg["startLine"], reg["startColumn"]) <= (reg["endLine"], reg["endColumn"]), "region ends before it starts")
        fps = res.get("partialFingerprints", {})
        expect(LINE_HASH.match(fps.get("primaryLocationLineHash", "")),
               "primaryLocationLineHash %r" % fps.get("primaryLocationLineHash"))
        expect(re.match(r"^[0-9a-f]{16,}(-\d+)?$", fps.get("mcpSentinel/v1", "")), "mcpSentinel/v1 %r"
               % fps.get("mcpSentinel/v1"))
    inv = run.get("invocations", [])
    expect(len(inv) == 1 and isinstance(inv[0].get("executionSuccessful"), bool), "invocations[0]")
    expect(inv[0]["startTimeUtc"] <= inv[0]["endTimeUtc"], "endTimeUtc before startTimeUtc")
    return run


def result_keys(run):
    """(uri, startLine, startColumn, ruleId) per result, in order."""
    out = []
    for r in run.get("results", []):
        pl = r["locations"][0]["physicalLocation"]
        out.append((pl["artifactLocation"]["uri"], pl["region"]["startLine"], pl["region"]["startColumn"], r["ruleId"]))
    return out


def load(name):
    with open(name, "rb") as f:
        data = f.read()
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError as e:
        raise SarifError("%s is not valid JSON: %s" % (name, e))


def main(argv):
    if argv[:1] == ["--stdin"]:  # the validation half, run under the system Python
        schema = json.load(open(argv[1] if len(argv) > 1 else schema_path(), encoding="utf-8"))
        problems = _validate_here(json.load(sys.stdin), schema)
        for p in problems:
            print(p)
        return 1 if problems else 0
    status = 0
    for name in argv:
        try:
            validate(load(name))
            print("%s: valid" % name)
        except SarifError as e:
            print("%s: %s" % (name, e))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
