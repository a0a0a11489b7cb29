#!/usr/bin/env python3
"""Collect, print and check Latchkey findings of the example builds (used by examples/run).

Three front-end outputs are read from an example project after `mvn clean verify`:

  javac           target/latchkey-javac.log   Error Prone diagnostics printed by
                                              maven-compiler-plugin, e.g.
                                              [WARNING] /abs/Foo.java:[57,9] [LockNotReleased] msg
  spotbugs-xml    target/spotbugsXml.xml      BugInstance type + its primary SourceLine
  spotbugs-sarif  target/spotbugsSarif.json   result ruleId + first physicalLocation

Only Latchkey's check ids count (read from checks/.../CheckId.java, so new checks are picked up);
Error Prone's and SpotBugs' own findings are ignored.

Commands:
  report  PROJECT...          print a table of the findings
  check   PROJECT...          print the table, then compare each front-end's set of
                              (CheckId, file, line) with PROJECT/expected-findings.txt and the
                              `// BUG: CheckId` markers in the sources; exit 1 on any difference
  markers PROJECT             print expected-findings lines computed from the markers
  extract-javac BUILD_LOG OUT copy the maven-compiler-plugin sections of a Maven log to OUT

Exit status: 0 fine, 1 findings differ from the expectation, 2 bad input (missing report,
malformed expected-findings.txt, ...).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import textwrap
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import example_checks

EXAMPLES_DIR = Path(__file__).resolve().parent
REPO_ROOT = EXAMPLES_DIR.parent
CATALOGUE = REPO_ROOT / "checks/src/main/java/dev/latchkey/checks/CheckId.java"
FALLBACK_IDS = ("LockNotReleased", "LockInsideTry", "UnlockNotHeld", "ReadLockUpgrade")

JAVAC_LOG = "target/latchkey-javac.log"
SPOTBUGS_XML = "target/spotbugsXml.xml"
SPOTBUGS_SARIF = "target/spotbugsSarif.json"
# Latchkey's own SARIF files (-XepOpt:Latchkey:SarifOutput, -Dlatchkey.sarifOutput).
JAVAC_SARIF = "target/latchkey-javac.sarif"
LATCHKEY_SPOTBUGS_SARIF = "target/latchkey-spotbugs.sarif"
EXPECTED = "expected-findings.txt"
FRONT_ENDS = ("javac", "javac-sarif", "spotbugs-xml", "spotbugs-sarif", "latchkey-spotbugs-sarif")
# Findings are printed for a terminal this wide.
COLUMNS = 100

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# maven-compiler-plugin: [WARNING] /abs/path/Foo.java:[57,9] [CheckId] message
MAVEN_DIAG = re.compile(
    r"^\[(?P<level>WARNING|ERROR|INFO)\]\s+(?P<path>.+?\.java):\[(?P<line>\d+)(?:,(?P<col>\d+))?\]\s+"
    r"(?P<msg>.*)$"
)
# plain javac: /abs/path/Foo.java:57: warning: [CheckId] message
JAVAC_DIAG = re.compile(
    r"^(?P<path>.+?\.java):(?P<line>\d+):\s+(?P<level>warning|error):\s+(?P<msg>.*)$"
)
CHECK_TAG = re.compile(r"^\[(?P<id>[A-Za-z][\w-]*)\]\s*(?P<rest>.*)$")
MARKER = re.compile(
    r"//\s*BUG(?:\[(?P<scope>javac|spotbugs)\])?:\s*(?P<ids>[A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*$"
)
EXPECTED_LINE = re.compile(
    r"^(?P<id>[A-Za-z]\w*)(?:\[(?P<scope>javac|spotbugs)\])?\s+(?P<path>\S+?):(?P<line>\d+)$"
)
# An expectation that only some front-ends can meet: `CheckId[spotbugs] path:line` in
# expected-findings.txt, `// BUG[spotbugs]: CheckId` in the source. javac sees one compilation
# unit at a time, so a cycle whose edges live in two files is SpotBugs' alone.
SCOPES = {
    "": FRONT_ENDS,
    "javac": ("javac", "javac-sarif"),
    "spotbugs": ("spotbugs-xml", "spotbugs-sarif", "latchkey-spotbugs-sarif"),
}


class InputError(Exception):
    """A report or the expectation file is missing or malformed."""


@dataclass(frozen=True, order=True)
class Finding:
    front_end: str
    check_id: str
    path: str
    line: int
    message: str = ""

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.check_id, self.path, self.line)


# ---------------------------------------------------------------------------------------------
# Check ids


def load_check_ids(catalogue: Path = CATALOGUE) -> tuple[str, ...]:
    """Stable ids from the CheckId enum (`NAME("StableId", ...)`), or the built-in list."""
    try:
        text = catalogue.read_text(encoding="utf-8")
    except OSError:
        return FALLBACK_IDS
    ids = re.findall(r'^\s*[A-Z][A-Z0-9_]*\s*\(\s*"([A-Za-z]\w*)"', text, re.MULTILINE)
    return tuple(ids) if ids else FALLBACK_IDS


# ---------------------------------------------------------------------------------------------
# Paths


class PathResolver:
    """Turns the paths the tools print into paths relative to the project directory."""

    def __init__(self, project: Path, source_dirs: list[Path] | None = None):
        self.project = project.resolve()
        self.source_dirs = list(source_dirs or [])
        self.source_dirs += sorted(self.project.glob("src/*/java"))
        self.source_dirs += sorted(self.project.glob("target/generated-sources/*"))

    def relative(self, raw: str) -> str:
        path = raw.strip()
        if path.startswith("file:"):
            path = urllib.parse.unquote(urllib.parse.urlparse(path).path)
        candidate = Path(path)
        if candidate.is_absolute():
            return self._relative_to_project(candidate)
        if (self.project / candidate).is_file():
            return candidate.as_posix()
        for source_dir in self.source_dirs:
            if (source_dir / candidate).is_file():
                return self._relative_to_project(source_dir / candidate)
        return candidate.as_posix()

    def _relative_to_project(self, path: Path) -> str:
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.project).as_posix()
        except ValueError:
            return resolved.as_posix()


# ---------------------------------------------------------------------------------------------
# Parsers


def parse_javac_log(log: Path, project: Path, ids: tuple[str, ...]) -> list[Finding]:
    """Error Prone diagnostics tagged with one of `ids`, from Maven's or plain javac's output."""
    if not log.is_file():
        raise InputError(f"javac log not found: {log}")
    resolver = PathResolver(project)
    found = []
    for raw in log.read_text(encoding="utf-8", errors="replace").splitlines():
        line = ANSI.sub("", raw).rstrip()
        match = MAVEN_DIAG.match(line) or JAVAC_DIAG.match(line)
        if not match:
            continue
        tag = CHECK_TAG.match(match.group("msg"))
        if not tag or tag.group("id") not in ids:
            continue
        found.append(
            Finding(
                "javac",
                tag.group("id"),
                resolver.relative(match.group("path")),
                int(match.group("line")),
                tag.group("rest").strip(),
            )
        )
    return found


def _primary_source_line(bug: ET.Element) -> ET.Element | None:
    """The BugInstance's own SourceLine (not those of its Class/Method/Field annotations)."""
    lines = bug.findall("SourceLine")
    for element in lines:
        if element.get("primary") == "true":
            return element
    for element in lines:
        if element.get("synthetic") != "true":
            return element
    if lines:
        return lines[0]
    method = bug.find("Method/SourceLine")
    return method if method is not None else bug.find(".//SourceLine")


def parse_spotbugs_xml(report: Path, project: Path, ids: tuple[str, ...]) -> list[Finding]:
    if not report.is_file():
        raise InputError(f"SpotBugs XML report not found: {report}")
    try:
        root = ET.parse(report).getroot()
    except ET.ParseError as error:
        raise InputError(f"{report}: not well-formed XML: {error}") from error
    source_dirs = [Path(d.text.strip()) for d in root.findall("Project/SrcDir") if d.text]
    resolver = PathResolver(project, source_dirs)
    found = []
    for bug in root.iter("BugInstance"):
        check_id = bug.get("type", "")
        if check_id not in ids:
            continue
        source_line = _primary_source_line(bug)
        if source_line is None or source_line.get("start") is None:
            raise InputError(f"{report}: {check_id} BugInstance without a source line")
        where = source_line.get("sourcepath") or source_line.get("sourcefile") or "?"
        message = (bug.findtext("LongMessage") or bug.findtext("ShortMessage") or "").strip()
        found.append(
            Finding(
                "spotbugs-xml",
                check_id,
                resolver.relative(where),
                int(source_line.get("start")),
                message,
            )
        )
    return found


def _sarif_message(result: dict, rules: dict) -> str:
    message = result.get("message") or {}
    arguments = message.get("arguments") or []
    rule = rules.get(result.get("ruleId"), {})
    template = (
        (rule.get("messageStrings") or {}).get(message.get("id") or "default", {}).get("text")
    )
    if template and arguments:
        text = template
        for index, argument in enumerate(arguments):
            text = text.replace("{%d}" % index, str(argument))
        return text.strip()
    return (message.get("text") or message.get("markdown") or "").strip()


def parse_sarif(
    report: Path, project: Path, ids: tuple[str, ...], front_end: str = "spotbugs-sarif"
) -> list[Finding]:
    if not report.is_file():
        raise InputError(f"SARIF report not found: {report}")
    try:
        document = json.loads(report.read_text(encoding="utf-8"))
    except ValueError as error:
        raise InputError(f"{report}: not valid JSON: {error}") from error
    resolver = PathResolver(project)
    found = []
    for run in document.get("runs") or []:
        driver = (run.get("tool") or {}).get("driver") or {}
        rules_list = driver.get("rules") or []
        rules = {rule.get("id"): rule for rule in rules_list}
        bases = run.get("originalUriBaseIds") or {}
        for result in run.get("results") or []:
            check_id = result.get("ruleId")
            if check_id is None and "ruleIndex" in result:
                index = result["ruleIndex"]
                if 0 <= index < len(rules_list):
                    check_id = rules_list[index].get("id")
            if check_id not in ids:
                continue
            physical = None
            for location in result.get("locations") or []:
                physical = location.get("physicalLocation")
                if physical:
                    break
            if not physical or "startLine" not in (physical.get("region") or {}):
                raise InputError(f"{report}: {check_id} result without a physical location")
            artifact = physical.get("artifactLocation") or {}
            uri = urllib.parse.unquote(artifact.get("uri", "?"))
            base = bases.get(artifact.get("uriBaseId") or "", {}).get("uri")
            if base and not uri.startswith("file:") and not uri.startswith("/"):
                uri = urllib.parse.unquote(base).rstrip("/") + "/" + uri
            found.append(
                Finding(
                    front_end,
                    check_id,
                    resolver.relative(uri),
                    int(physical["region"]["startLine"]),
                    _sarif_message(result, rules),
                )
            )
    return found


def collect(project: Path, ids: tuple[str, ...]) -> tuple[dict[str, list[Finding]], dict]:
    """Findings per front-end, and the error of each front-end whose report could not be read."""
    readers = {
        "javac": lambda: parse_javac_log(project / JAVAC_LOG, project, ids),
        "spotbugs-xml": lambda: parse_spotbugs_xml(project / SPOTBUGS_XML, project, ids),
        "spotbugs-sarif": lambda: parse_sarif(project / SPOTBUGS_SARIF, project, ids),
        "javac-sarif": lambda: parse_sarif(project / JAVAC_SARIF, project, ids, "javac-sarif"),
        "latchkey-spotbugs-sarif": lambda: parse_sarif(
            project / LATCHKEY_SPOTBUGS_SARIF, project, ids, "latchkey-spotbugs-sarif"
        ),
    }
    findings, errors = {}, {}
    for front_end, read in readers.items():
        try:
            findings[front_end] = sorted(set(read()), key=lambda f: (f.path, f.line, f.check_id))
        except InputError as error:
            findings[front_end] = []
            errors[front_end] = str(error)
    return findings, errors


# ---------------------------------------------------------------------------------------------
# Expectations


def parse_expected(path: Path, ids: tuple[str, ...]) -> set[tuple[str, str, int, str]]:
    """(CheckId, path, line, scope) per expected finding; scope "" means every front-end."""
    if not path.is_file():
        raise InputError(f"expectation file not found: {path}")
    expected = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = EXPECTED_LINE.match(line)
        if not match:
            raise InputError(
                f"{path}:{number}: expected `CheckId[scope] path/File.java:LINE`: {raw!r}"
            )
        if match.group("id") not in ids:
            raise InputError(f"{path}:{number}: unknown check id {match.group('id')!r}")
        expected.add(
            (
                match.group("id"),
                match.group("path"),
                int(match.group("line")),
                match.group("scope") or "",
            )
        )
    return expected


def scan_markers(project: Path) -> set[tuple[str, str, int, str]]:
    """(CheckId, path, line, scope) of every `// BUG[scope]: CheckId[, CheckId]` comment."""
    markers = set()
    for source in sorted(project.resolve().glob("src/**/*.java")):
        relative = source.relative_to(project.resolve()).as_posix()
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            match = MARKER.search(line)
            if match:
                for check_id in re.split(r"\s*,\s*", match.group("ids").strip()):
                    markers.add((check_id, relative, number, match.group("scope") or ""))
    return markers


# ---------------------------------------------------------------------------------------------
# Output


def print_table(project: Path, findings: dict[str, list[Finding]], errors: dict) -> None:
    """One block per finding, its message wrapped (never cut) to COLUMNS."""
    print(f"\n== Latchkey findings: {project}")
    shown = 0
    for front_end in FRONT_ENDS:
        for f in findings.get(front_end, []):
            shown += 1
            print(f"{f.front_end:<24} {f.check_id:<22} {f.path}:{f.line}")
            for line in textwrap.wrap(f.message, COLUMNS - 4) or [""]:
                print("    " + line)
    if not shown:
        print("(no Latchkey findings)")
    for front_end in FRONT_ENDS:
        if front_end in errors:
            print(f"!! {front_end}: {errors[front_end]}")


def _format_key(key: tuple) -> str:
    scope = f"[{key[3]}]" if len(key) > 3 and key[3] else ""
    return f"{key[0]}{scope} {key[1]}:{key[2]}"


def expected_for(front_end: str, expected: set[tuple[str, str, int, str]]) -> set:
    """The (CheckId, path, line) keys `front_end` must report."""
    return {key[:3] for key in expected if front_end in SCOPES[key[3]]}


def check_project(project: Path, ids: tuple[str, ...], build_checks: bool = True) -> int:
    """Compares each front-end with the expectation; with build_checks also example_checks."""
    findings, errors = collect(project, ids)
    print_table(project, findings, errors)
    try:
        expected = parse_expected(project / EXPECTED, ids)
    except InputError as error:
        print(f"!! {error}")
        return 2
    status = 0
    print(f"\n== Check against {EXPECTED} ({len(expected)} expected findings)")
    markers = scan_markers(project)
    if markers != expected:
        status = 1
        print(f"FAIL  {EXPECTED} and the // BUG: markers in the sources disagree:")
        for key in sorted(expected - markers):
            print(f"        only in {EXPECTED}: {_format_key(key)}")
        for key in sorted(markers - expected):
            print(f"        only as a marker:  {_format_key(key)}")
    for front_end in FRONT_ENDS:
        if front_end in errors:
            print(f"FAIL  {front_end}: {errors[front_end]}")
            status = max(status, 2)
            continue
        actual = {f.key for f in findings[front_end]}
        wanted = expected_for(front_end, expected)
        missing, extra = sorted(wanted - actual), sorted(actual - wanted)
        if not missing and not extra:
            print(f"ok    {front_end}: {len(actual)} findings, as expected")
            continue
        status = max(status, 1)
        print(f"FAIL  {front_end}: {len(missing)} missing, {len(extra)} unexpected")
        for key in missing:
            print(f"        - missing:    {_format_key(key)}")
        for key in extra:
            print(f"        + unexpected: {_format_key(key)}")
        if not actual and wanted:
            print("        (no Latchkey finding at all: was the Latchkey plugin loaded?)")
    if not build_checks:
        return status
    problems = example_checks.check(
        project,
        [project / SPOTBUGS_SARIF, project / JAVAC_SARIF, project / LATCHKEY_SPOTBUGS_SARIF],
        [project / JAVAC_SARIF, project / LATCHKEY_SPOTBUGS_SARIF],
        project / JAVAC_LOG,
    )
    for problem in problems:
        print(f"FAIL  {problem}")
    if not problems:
        print("ok    SARIF files valid (SARIF 2.1.0 schema), fingerprints agree, README sample real")
    return max(status, 1) if problems else status


def extract_javac(build_log: Path, out: Path) -> None:
    """Keep the maven-compiler-plugin sections (compile, testCompile) of a Maven build log."""
    keep, kept = False, []
    for raw in build_log.read_text(encoding="utf-8", errors="replace").splitlines():
        line = ANSI.sub("", raw)
        if line.startswith("[INFO] --- "):
            keep = "maven-compiler-plugin:" in line
        elif line.startswith(("[INFO] BUILD ", "[INFO] >>> ", "[INFO] <<< ", "[INFO] Reactor")):
            keep = False
        if keep:
            kept.append(line)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(kept) + ("\n" if kept else ""), encoding="utf-8")


# ---------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ids", help="comma-separated check ids (default: from CheckId.java)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("report", "check"):
        sub.add_parser(name).add_argument("projects", nargs="+", type=Path)
    sub.add_parser("markers").add_argument("project", type=Path)
    extract = sub.add_parser("extract-javac")
    extract.add_argument("build_log", type=Path)
    extract.add_argument("out", type=Path)
    args = parser.parse_args(argv)

    ids = tuple(i.strip() for i in args.ids.split(",") if i.strip()) if args.ids else None
    ids = ids or load_check_ids()
    try:
        if args.command == "extract-javac":
            extract_javac(args.build_log, args.out)
            return 0
        if args.command == "markers":
            for key in sorted(scan_markers(args.project), key=lambda k: (k[1], k[2], k[0])):
                print(_format_key(key))
            return 0
        if args.command == "report":
            for project in args.projects:
                findings, errors = collect(project, ids)
                print_table(project, findings, errors)
            return 0
        return max(check_project(project, ids) for project in args.projects)
    except (InputError, OSError) as error:
        print(f"findings.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
