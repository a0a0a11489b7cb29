#!/usr/bin/env python3
"""Tests of findings.py against synthetic reports: python3 examples/test_findings.py"""

import contextlib
import io
import json
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import findings  # noqa: E402

IDS = ("LockNotReleased", "LockInsideTry", "UnlockNotHeld", "ReadLockUpgrade")

BOOK = "src/main/java/com/example/Book.java"
POOL = "src/main/java/com/example/db/Pool.java"

BOOK_SOURCE = """\
package com.example;

class Book {
  void cancel() {
    lock.lock(); // BUG: LockNotReleased
  }
  void upgrade() {
    rw.writeLock().lock(); // BUG: ReadLockUpgrade, LockNotReleased
  }
}
"""
POOL_SOURCE = """\
package com.example.db;

class Pool {
  void trim() {
    try {
      lock.lock(); // BUG: LockInsideTry
    } finally {
      lock.unlock();
    }
  }
}
"""
EXPECTED_KEYS = {
    ("LockNotReleased", BOOK, 5),
    ("ReadLockUpgrade", BOOK, 8),
    ("LockNotReleased", BOOK, 8),
    ("LockInsideTry", POOL, 6),
}
MARKER_KEYS = {key + ("",) for key in EXPECTED_KEYS}


ESC = "\x1b"


def maven_log(project: Path, extra: str = "") -> str:
    book, pool = project / BOOK, project / POOL
    return textwrap.dedent(
        f"""\
        [INFO] Scanning for projects...
        [INFO] --- maven-resources-plugin:2.6:resources (default-resources) @ demo ---
        [WARNING] {book}:[1,1] [LockNotReleased] not a compiler line, must be ignored
        [INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ demo ---
        [INFO] Compiling 2 source files with javac [debug target 17] to target/classes
        [WARNING] {book}:[5,5] [LockNotReleased] lock is not released on the return at line 7
            (see https://github.com/latchkey-dev/latchkey/blob/main/docs/checks/LockNotReleased.md)
          Did you mean 'try {{'?
        [WARNING] {book}:[5,9] [LockNotBeforeTry] Error Prone's own check, ignored
        {ESC}[1;33m[WARNING] {ESC}[m{book}:[8,5] [ReadLockUpgrade] write lock while read lock held
        [ERROR] {book}:[8,5] [LockNotReleased] reported as an error
        [WARNING] {pool}:[6,7] [LockInsideTry] move the acquisition before the try
        [WARNING] {pool}:[6,7] [LockInsideTry] move the acquisition before the try
        [WARNING] {pool}:[9,1] [UnusedVariable] ignored
        {extra}[INFO] --- maven-compiler-plugin:3.14.0:testCompile (default-testCompile) @ demo ---
        [INFO] No sources to compile
        [INFO] --- spotbugs-maven-plugin:4.10.3.0:check (spotbugs) @ demo ---
        [ERROR] High: whatever [LockNotReleased] At Book.java:[line 99]
        [INFO] BUILD SUCCESS
        """
    )


def spotbugs_xml(project: Path, extra: str = "") -> str:
    src = project / "src/main/java"
    return textwrap.dedent(
        f"""\
        <?xml version="1.0" encoding="utf-8"?>
        <BugCollection version="4.10.4"><Project projectName="demo">
          <Jar>{project}/target/classes</Jar><SrcDir>{src}</SrcDir></Project>
        <BugInstance type="LockNotReleased" priority="1" category="MT_CORRECTNESS">
          <ShortMessage>Lock not released</ShortMessage>
          <LongMessage>this.lock acquired in Book.cancel() is not released</LongMessage>
          <Class classname="com.example.Book" primary="true">
            <SourceLine classname="com.example.Book" start="3" end="10"
                        sourcepath="com/example/Book.java" sourcefile="Book.java"/></Class>
          <Method classname="com.example.Book" name="cancel" signature="()V" primary="true">
            <SourceLine classname="com.example.Book" start="5" end="6"
                        sourcepath="com/example/Book.java" sourcefile="Book.java"/></Method>
          <SourceLine classname="com.example.Book" start="5" end="5" primary="true"
                      sourcepath="com/example/Book.java" sourcefile="Book.java"/>
        </BugInstance>
        <BugInstance type="ReadLockUpgrade" priority="1">
          <LongMessage>upgrade</LongMessage>
          <Method classname="com.example.Book" name="upgrade" signature="()V" primary="true">
            <SourceLine classname="com.example.Book" start="7" end="9"
                        sourcepath="com/example/Book.java" sourcefile="Book.java"/></Method>
          <SourceLine classname="com.example.Book" start="8" end="8"
                      sourcepath="com/example/Book.java" sourcefile="Book.java"/>
        </BugInstance>
        <BugInstance type="LockNotReleased" priority="1">
          <LongMessage>second</LongMessage>
          <SourceLine synthetic="true" classname="com.example.Book" start="7" end="9"
                      sourcepath="com/example/Book.java" sourcefile="Book.java"/>
          <SourceLine classname="com.example.Book" start="8" end="8"
                      sourcepath="com/example/Book.java" sourcefile="Book.java"/>
        </BugInstance>
        <BugInstance type="LockInsideTry" priority="2">
          <ShortMessage>inside try</ShortMessage>
          <SourceLine classname="com.example.db.Pool" start="6" end="6" primary="true"
                      sourcepath="com/example/db/Pool.java" sourcefile="Pool.java"/>
        </BugInstance>
        <BugInstance type="UL_UNRELEASED_LOCK" priority="1">
          <SourceLine classname="com.example.Book" start="5" end="5" primary="true"
                      sourcepath="com/example/Book.java" sourcefile="Book.java"/>
        </BugInstance>
        {extra}
        </BugCollection>
        """
    )


def sarif(project: Path, extra_results=()) -> str:
    def result(rule, uri, line, base=None, text="short", arguments=None):
        location = {"artifactLocation": {"uri": uri}, "region": {"startLine": line}}
        if base:
            location["artifactLocation"]["uriBaseId"] = base
        message = {"id": "default", "text": text}
        if arguments:
            message["arguments"] = arguments
        return {"ruleId": rule, "message": message,
                "locations": [{"physicalLocation": location}]}

    rules = [
        {"id": "LockNotReleased",
         "messageStrings": {"default": {"text": "{0} is not released in {1}"}}},
        {"id": "ReadLockUpgrade"},
        {"id": "LockInsideTry"},
    ]
    results = [
        # sarifFullPath=true style: project-relative
        result("LockNotReleased", BOOK, 5, arguments=["this.lock", "Book.cancel()"]),
        # default style: relative to a source root
        result("ReadLockUpgrade", "com/example/Book.java", 8),
        # uriBaseId + originalUriBaseIds
        result("LockNotReleased", "com/example/Book.java", 8, base="SRCROOT"),
        # absolute file: URI
        result("LockInsideTry", (project / POOL).as_uri(), 6),
        result("UL_UNRELEASED_LOCK", BOOK, 5),
        *extra_results,
    ]
    document = {
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "SpotBugs", "rules": rules}},
            "originalUriBaseIds": {
                "SRCROOT": {"uri": (project / "src/main/java").as_uri() + "/"}},
            "results": results,
        }],
    }
    return json.dumps(document, indent=1)


class FindingsTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.project = Path(self._tmp.name).resolve() / "demo"
        for relative, text in ((BOOK, BOOK_SOURCE), (POOL, POOL_SOURCE)):
            path = self.project / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        (self.project / "target").mkdir()
        self.write_reports()
        (self.project / "expected-findings.txt").write_text(
            "# comment\n\n"
            + "\n".join(f"{i} {p}:{n}" for i, p, n in sorted(EXPECTED_KEYS))
            + "\n"
        )

    def tearDown(self):
        self._tmp.cleanup()

    def write_reports(self, log_extra="", xml_extra="", sarif_extra=()):
        build_log = self.project / "target/latchkey-build.log"
        build_log.write_text(maven_log(self.project, log_extra))
        findings.extract_javac(build_log, self.project / findings.JAVAC_LOG)
        (self.project / findings.SPOTBUGS_XML).write_text(spotbugs_xml(self.project, xml_extra))
        (self.project / findings.SPOTBUGS_SARIF).write_text(sarif(self.project, sarif_extra))
        # Latchkey's own SARIF files have the same shape for what is read here.
        (self.project / findings.JAVAC_SARIF).write_text(sarif(self.project))
        (self.project / findings.LATCHKEY_SPOTBUGS_SARIF).write_text(sarif(self.project))

    def run_check(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = findings.check_project(self.project, IDS, build_checks=False)
        return status, out.getvalue()

    def test_check_ids_from_catalogue(self):
        ids = findings.load_check_ids()
        for check_id in IDS:
            self.assertIn(check_id, ids)
        self.assertEqual(findings.load_check_ids(Path("/nonexistent")), findings.FALLBACK_IDS)

    def test_extract_javac_keeps_only_compiler_sections(self):
        text = (self.project / findings.JAVAC_LOG).read_text()
        self.assertIn("maven-compiler-plugin:3.14.0:compile", text)
        self.assertIn("maven-compiler-plugin:3.14.0:testCompile", text)
        self.assertNotIn("not a compiler line", text)
        self.assertNotIn("At Book.java:[line 99]", text)
        self.assertNotIn("\x1b", text)

    def test_javac_log(self):
        found = findings.parse_javac_log(self.project / findings.JAVAC_LOG, self.project, IDS)
        self.assertEqual({f.key for f in found}, EXPECTED_KEYS)
        messages = {f.key: f.message for f in found}
        self.assertEqual(
            messages[("LockNotReleased", BOOK, 5)], "lock is not released on the return at line 7"
        )

    def test_plain_javac_format(self):
        log = self.project / "plain.log"
        log.write_text(
            f"{self.project / BOOK}:5: warning: [LockNotReleased] not released\n"
            f"{self.project / BOOK}:6: warning: [DefaultCharset] ignored\n"
            f"{self.project / POOL}:6: error: [LockInsideTry] inside\n"
        )
        found = findings.parse_javac_log(log, self.project, IDS)
        self.assertEqual(
            {f.key for f in found},
            {("LockNotReleased", BOOK, 5), ("LockInsideTry", POOL, 6)},
        )

    def test_spotbugs_xml(self):
        found = findings.parse_spotbugs_xml(
            self.project / findings.SPOTBUGS_XML, self.project, IDS
        )
        self.assertEqual({f.key for f in found}, EXPECTED_KEYS)
        messages = {f.key: f.message for f in found}
        self.assertEqual(
            messages[("LockNotReleased", BOOK, 5)],
            "this.lock acquired in Book.cancel() is not released",
        )
        self.assertEqual(messages[("LockInsideTry", POOL, 6)], "inside try")

    def test_sarif(self):
        found = findings.parse_sarif(self.project / findings.SPOTBUGS_SARIF, self.project, IDS)
        self.assertEqual({f.key for f in found}, EXPECTED_KEYS)
        messages = {f.key: f.message for f in found}
        self.assertEqual(
            messages[("LockNotReleased", BOOK, 5)], "this.lock is not released in Book.cancel()"
        )

    def test_markers(self):
        self.assertEqual(findings.scan_markers(self.project), MARKER_KEYS)

    def test_scoped_expectation_applies_to_its_front_ends_only(self):
        path = self.project / POOL
        path.write_text(path.read_text().replace("// BUG: LockInsideTry", "// BUG[spotbugs]: LockInsideTry"))
        expected = self.project / "expected-findings.txt"
        expected.write_text(expected.read_text().replace("LockInsideTry ", "LockInsideTry[spotbugs] "))
        status, out = self.run_check()
        self.assertEqual(status, 1, out)
        self.assertIn("+ unexpected: LockInsideTry src/main/java/com/example/db/Pool.java:6", out)
        self.assertIn("ok    spotbugs-xml", out)
        self.assertIn("ok    spotbugs-sarif", out)

    def test_check_passes(self):
        status, out = self.run_check()
        self.assertEqual(status, 0, out)
        self.assertEqual(out.count("ok    "), len(findings.FRONT_ENDS), out)

    def test_check_reports_extra_and_missing(self):
        extra = (
            '<BugInstance type="UnlockNotHeld"><SourceLine start="9" primary="true"'
            ' sourcepath="com/example/Book.java"/></BugInstance>'
        )
        self.write_reports(xml_extra=extra)
        (self.project / findings.JAVAC_LOG).write_text(
            (self.project / findings.JAVAC_LOG)
            .read_text()
            .replace("[LockInsideTry]", "[SomethingElse]")
        )
        status, out = self.run_check()
        self.assertEqual(status, 1, out)
        self.assertIn("+ unexpected: UnlockNotHeld src/main/java/com/example/Book.java:9", out)
        self.assertIn("- missing:    LockInsideTry src/main/java/com/example/db/Pool.java:6", out)
        self.assertIn("ok    spotbugs-sarif", out)

    def test_check_detects_marker_drift(self):
        path = self.project / POOL
        path.write_text("// moved down one line\n" + path.read_text())
        status, out = self.run_check()
        self.assertEqual(status, 1, out)
        self.assertIn("only as a marker:  LockInsideTry src/main/java/com/example/db/Pool.java:7", out)

    def test_missing_report_is_an_input_error(self):
        (self.project / findings.SPOTBUGS_SARIF).unlink()
        status, out = self.run_check()
        self.assertEqual(status, 2, out)
        self.assertIn("SARIF report not found", out)

    def test_malformed_expectation(self):
        (self.project / "expected-findings.txt").write_text("LockNotReleased Book.java\n")
        status, out = self.run_check()
        self.assertEqual(status, 2, out)
        (self.project / "expected-findings.txt").write_text("NoSuchCheck Book.java:3\n")
        status, out = self.run_check()
        self.assertEqual(status, 2, out)
        self.assertIn("unknown check id", out)

    def test_report_command_prints_table(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = findings.main(["--ids", ",".join(IDS), "report", str(self.project)])
        self.assertEqual(status, 0)
        text = out.getvalue()
        self.assertEqual(
            text.count("src/main/java/com/example/db/Pool.java:6"), len(findings.FRONT_ENDS), text
        )
        self.assertNotIn("UL_UNRELEASED_LOCK", text)
        self.assertNotIn("LockNotBeforeTry", text)


    def test_sarif_schema_validation(self):
        import example_checks

        valid = self.project / "valid.sarif"
        valid.write_text(json.dumps({"version": "2.1.0", "runs": [
            {"tool": {"driver": {"name": "x"}}, "results": [
                {"ruleId": "A", "message": {"text": "m"}}]}]}))
        invalid = self.project / "invalid.sarif"
        invalid.write_text(json.dumps({"version": "2.1.0", "runs": [
            {"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "A", "level": "bad"}]}]}))
        self.assertEqual(example_checks.validate_schema([valid]), [])
        problems = example_checks.validate_schema([invalid])
        self.assertTrue(problems and all("invalid.sarif" in p for p in problems), problems)

    def test_report_wraps_long_messages_without_cutting_them(self):
        long = " ".join(f"word{i}" for i in range(60))
        self.write_reports(
            # indented like the rest of maven_log's template, which dedents it
            log_extra=f"[WARNING] {self.project / POOL}:[6,7] [LockInsideTry] {long}\n        "
        )
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            findings.main(["--ids", ",".join(IDS), "report", str(self.project)])
        lines = out.getvalue().splitlines()
        self.assertTrue(all(len(line) <= findings.COLUMNS for line in lines), lines)
        self.assertIn("word59", out.getvalue())


if __name__ == "__main__":
    unittest.main(verbosity=2)
