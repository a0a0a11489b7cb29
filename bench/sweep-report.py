"""One line of bench/sweep per jar, from its two SpotBugs reports; --totals sums the lines."""
import collections
import sys
import xml.etree.ElementTree as ET
import zipfile

CHECKS = {"LockNotReleased", "LockInsideTry", "UnlockNotHeld", "ReadLockUpgrade",
          "SwallowedException", "InterruptSwallowed", "LostTaskException",
          "FinallyMasksException", "UnboundedExecutor", "UnboundedSubmission",
          "ExecutorNotShutdown", "UnguardedFieldAccess", "GuardedByViolation",
          "RacyTaskMutation", "NonAtomicUpdate", "UnsafeLazyInit", "LockOrderInversion",
          "BlockingUnderLock", "TimedBlockingUnderLock"}


def read(path):
    """(heap MB, Latchkey findings as comparable strings, Latchkey analysis errors) or None."""
    try:
        root = ET.parse(path).getroot()
    except Exception:
        return None
    summary = root.find("FindBugsSummary")
    heap = float(summary.get("peak_mbytes", "0")) if summary is not None else 0
    findings = []
    for bug in root.iter("BugInstance"):
        if bug.get("type") not in CHECKS:
            continue
        parts = [bug.get("type"), bug.get("priority"), (bug.findtext("LongMessage") or "")]
        for element in bug:
            if element.tag in ("Class", "Method", "Field", "SourceLine"):
                parts.append(element.tag + ":" + " ".join(
                    f"{k}={element.get(k)}" for k in sorted(element.keys())))
        findings.append("|".join(parts))
    errors = []
    for error in root.iter("Error"):
        text = ET.tostring(error, encoding="unicode")
        if "latchkey" in text.lower():
            errors.append(text)
    for error in root.iter("AnalysisError"):
        text = ET.tostring(error, encoding="unicode")
        if "latchkey" in text.lower():
            errors.append(text)
    return heap, findings, errors


def line(name, jar, cpu1, cpu2, first, second):
    a, b = read(first), read(second)
    if a is None or b is None:
        return f"{name + '.jar':44} no report"
    with zipfile.ZipFile(jar) as archive:
        classes = sum(1 for n in archive.namelist()
                      if n.endswith(".class") and not n.endswith("module-info.class"))
    peak = max(a[0], b[0])
    _, findings, errors = a
    agree = "yes" if a[1] == b[1] and len(a[2]) == len(b[2]) else "NO"
    counts = collections.Counter(f.split("|", 1)[0] for f in findings)
    by_check = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    return (f"{name + '.jar':44} {classes:7d} {float(cpu1):8.1f} {float(cpu2):8.1f} "
            f"{int(peak):7d} {len(errors):6d} {agree:>5}  {len(findings)} {by_check}")


def totals(path):
    jars = classes = errors = disagreements = findings = unreported = 0
    cpu = 0.0
    for row in open(path):
        fields = row.split()
        if "no report" in row:
            unreported += 1
            continue
        jars += 1
        classes += int(fields[1])
        cpu += float(fields[2]) + float(fields[3])
        errors += int(fields[5])
        disagreements += fields[6] != "yes"
        findings += int(fields[7])
    print(f"totals: {jars} jars, {classes} classes, {cpu:.0f} CPU s (both runs), "
          f"{findings} findings, {errors} Latchkey analysis errors, "
          f"{disagreements} jars whose two runs disagree, {unreported} without a report")


if __name__ == "__main__":
    if sys.argv[1] == "--totals":
        totals(sys.argv[2])
    else:
        print(line(*sys.argv[1:]))
