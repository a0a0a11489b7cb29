"""Checks of an example build beyond its findings, run by `findings.py check` (examples/run --check):

- every SARIF file the build wrote is valid SARIF 2.1.0 (schemas/sarif-2.1.0.json, the OASIS
  schema as published by SchemaStore; validated with the `jsonschema` package);
- Latchkey's own SARIF files (javac plugin, SpotBugs plugin) have what code scanning needs: the
  finding's own message (not the rule's summary), the level of the check's severity, a help page
  without an anchor, `partialFingerprints`, and the same fingerprint for the same defect in both;
- README's sample output is real: each of its lines is in the example's javac log;
- README and the example use the shipped Error Prone flag set and SpotBugs filter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent
REPO_ROOT = EXAMPLES_DIR.parent
SCHEMA = EXAMPLES_DIR / "schemas/sarif-2.1.0.json"
README = REPO_ROOT / "README.md"
EP_FLAGS = REPO_ROOT / "bugpatterns/src/main/resources/META-INF/latchkey/errorprone-superseded.flags"
SPOTBUGS_FILTER = "dev/latchkey/spotbugs-exclude.xml"
FINGERPRINT_KEY = "latchkey/v1"
LEVELS = {"ERROR": "error", "WARNING": "warning", "INFO": "note"}
SAMPLE = re.compile(r"<!-- sample-output:start -->(.*?)<!-- sample-output:end -->", re.S)
SEVERITY = re.compile(r'^\s+[A-Z_]+\(\s*"(?P<id>\w+)",\s*Family\.\w+,\s*Severity\.(?P<sev>\w+)', re.M)


def severities() -> dict[str, str]:
    text = (REPO_ROOT / "checks/src/main/java/dev/latchkey/checks/CheckId.java").read_text()
    return {m.group("id"): m.group("sev") for m in SEVERITY.finditer(text)}


def validate_schema(files: list[Path]) -> list[str]:
    try:
        import jsonschema
    except ImportError:
        return ["the Python package jsonschema is missing: SARIF files cannot be validated"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    problems = []
    for file in files:
        document = json.loads(file.read_text(encoding="utf-8"))
        for error in list(validator.iter_errors(document))[:5]:
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{file.name}: not valid SARIF 2.1.0 at /{where}: {error.message}")
    return problems


def latchkey_sarif_problems(file: Path, levels: dict[str, str]) -> tuple[list[str], dict]:
    """Problems of one Latchkey SARIF file, and its fingerprint per (check, path, line)."""
    problems, fingerprints = [], {}
    run = json.loads(file.read_text(encoding="utf-8"))["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    for rule in rules.values():
        uri = rule.get("helpUri", "")
        if not uri.startswith("https://") or "#" in uri:
            problems.append(f"{file.name}: rule {rule['id']}: helpUri {uri!r}")
    for result in run["results"]:
        check = result["ruleId"]
        text = result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        key = (check, location["artifactLocation"]["uri"], location["region"]["startLine"])
        if text == rules[check]["shortDescription"]["text"]:
            problems.append(f"{file.name}: {key}: message is the rule's summary, not the finding's")
        if result.get("level") != LEVELS[levels[check]]:
            problems.append(f"{file.name}: {key}: level {result.get('level')} for {levels[check]}")
        fingerprint = (result.get("partialFingerprints") or {}).get(FINGERPRINT_KEY)
        if not fingerprint or not fingerprint.startswith(check + ":"):
            problems.append(f"{file.name}: {key}: no {FINGERPRINT_KEY} partialFingerprint")
        fingerprints[key] = fingerprint
    return problems, fingerprints


def readme_sample_problems(javac_log: Path) -> list[str]:
    match = SAMPLE.search(README.read_text(encoding="utf-8"))
    if not match:
        return ["README.md has no <!-- sample-output:start --> ... end block"]
    log = javac_log.read_text(encoding="utf-8") if javac_log.is_file() else ""
    lines = [l.strip() for l in match.group(1).splitlines() if l.strip() and not l.startswith("```")]
    return [f"README sample output line not in {javac_log.name}: {l}" for l in lines if l not in log]


def shipped_settings_problems(project: Path) -> list[str]:
    flags = EP_FLAGS.read_text(encoding="utf-8").strip()
    problems = []
    for where in (README, project / "pom.xml"):
        text = where.read_text(encoding="utf-8")
        if flags not in text:
            problems.append(f"{where.name} does not use the shipped Error Prone flags: {flags}")
        if SPOTBUGS_FILTER not in text:
            problems.append(f"{where.name} does not use the shipped SpotBugs filter {SPOTBUGS_FILTER}")
    return problems


def check(project: Path, sarif_files: list[Path], latchkey_sarif: list[Path], javac_log: Path) -> list[str]:
    problems = validate_schema([f for f in sarif_files if f.is_file()])
    levels = severities()
    by_file = []
    for file in latchkey_sarif:
        if file.is_file():
            found, fingerprints = latchkey_sarif_problems(file, levels)
            problems += found
            by_file.append(fingerprints)
    if len(by_file) == 2:
        for key in sorted(set(by_file[0]) & set(by_file[1])):
            if by_file[0][key] != by_file[1][key]:
                problems.append(f"{key}: fingerprints differ: {by_file[0][key]} / {by_file[1][key]}")
    problems += readme_sample_problems(javac_log)
    problems += shipped_settings_problems(project)
    return problems
