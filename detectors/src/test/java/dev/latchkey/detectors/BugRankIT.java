package dev.latchkey.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.fixtures.FixtureFile;
import dev.latchkey.fixtures.Fixtures;
import dev.latchkey.fixtures.HarnessConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Without bugrank.txt SpotBugs ranks a plugin's bugs (MT_CORRECTNESS and BAD_PRACTICE alike) past
 * the visible ranks (1 to 20): it drops them, and does not even run a detector none of whose bugs
 * could be shown. With it, each check has its rank from bugrank.txt, plus 2 at NORMAL priority. The
 * packaged jar is compared with a copy of it without bugrank.txt, run in separate JVMs (SpotBugs
 * keeps one plugin per id per JVM).
 */
class BugRankIT {
  /** Fixture classes with a finding or two each, of checks of each category and priority. */
  private static final String FIXTURE =
      String.join(
          ",",
          "fixtures.locks.EarlyReturnLeak",
          "fixtures.exceptions.CloseQuietlyInFinally",
          "fixtures.exceptions.BufferLeaseInterrupt",
          "fixtures.exceptions.SubmitInLoop",
          "fixtures.exceptions.FinallyWithLambdaOrAnonymousClass",
          "fixtures.executors.CheckoutLoadScenarios",
          "fixtures.executors.IngestWorkers",
          "fixtures.races.CheckerGuardedBy",
          "fixtures.lockorder.OppositeMonitorOrder",
          "fixtures.lockorder.TimedPollUnderLock");

  @Test
  void withoutBugrankTxtSpotBugsDropsLatchkeysBugs() throws Exception {
    Path plugin = SpotBugsRun.pluginJar();
    // The class files of later releases among the fixtures need their JDK's classes.
    List<String> library =
        SpotBugsRun.classLibraryOptions(
            SpotBugsFixturesIT.analysable(Fixtures.load()).stream()
                .mapToInt(FixtureFile::release)
                .max()
                .orElse(17));
    SpotBugsRun.Report withRanks =
        SpotBugsRun.run(
            plugin,
            Fixtures.classFilesRoot(),
            FIXTURE,
            HarnessConfig.spotBugsSystemProperties(),
            library);
    Path stripped = Files.createTempDirectory("latchkey-norank").resolve("no-bugrank.jar");
    copyWithout(plugin, stripped, "bugrank.txt");
    SpotBugsRun.Report withoutRanks = runForked(stripped, library);
    List<String> allShown = new ArrayList<>(library);
    allShown.addAll(List.of("-maxRank", "100"));
    SpotBugsRun.Report withoutRanksAllShown = runForked(stripped, allShown);

    Map<String, Integer> ranked = ranks(withRanks);
    Map<String, Integer> hidden = ranks(withoutRanksAllShown);
    System.out.println("ranks with bugrank.txt:    " + ranked);
    System.out.println("ranks without bugrank.txt: " + hidden);
    // bugrank.txt's rank, + 2 for NORMAL priority (catalogue severity WARNING), + 5 for LOW
    // (INFO): still visible, so shown whenever SpotBugs' threshold lets low priorities through.
    assertEquals(
        Map.ofEntries(
            Map.entry("LockNotReleased@16", 6),
            Map.entry("SwallowedException@31", 14),
            Map.entry("InterruptSwallowed@48", 8),
            Map.entry("LostTaskException@41", 12),
            Map.entry("FinallyMasksException@62", 9),
            Map.entry("UnboundedExecutor@50", 15),
            Map.entry("ExecutorNotShutdown@34", 12),
            Map.entry("UnboundedExecutor@44", 15),
            Map.entry("ExecutorNotShutdown@44", 12),
            Map.entry("UnboundedExecutor@49", 15),
            Map.entry("UnboundedSubmission@56", 8),
            Map.entry("GuardedByViolation@20", 7),
            Map.entry("LockOrderInversion@25", 4),
            Map.entry("LockOrderInversion@35", 4),
            Map.entry("TimedBlockingUnderLock@23", 19)),
        ranked,
        "ranks from bugrank.txt and priority");
    assertEquals(
        List.of("3"),
        withRanks.latchkeyBugs().stream()
            .filter(bug -> bug.type().equals("TimedBlockingUnderLock"))
            .map(SpotBugsRun.Bug::priority)
            .toList(),
        "an INFO check is reported at LOW priority");
    assertEquals(Map.of(), ranks(withoutRanks), "without bugrank.txt the bugs are dropped");
    assertEquals(ranked.keySet(), hidden.keySet(), "the same bug when every rank is shown");
    assertTrue(
        hidden.values().stream().allMatch(rank -> rank > 20),
        "ranked past the visible ranks without bugrank.txt: " + hidden);
  }

  private static Map<String, Integer> ranks(SpotBugsRun.Report report) {
    Map<String, Integer> ranks = new TreeMap<>();
    for (SpotBugsRun.Bug bug : report.latchkeyBugs()) {
      ranks.put(bug.type() + "@" + bug.line(), bug.rank());
    }
    return ranks;
  }

  private static SpotBugsRun.Report runForked(Path pluginJar, List<String> options)
      throws Exception {
    Path xml = Files.createTempFile("spotbugs-norank", ".xml");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    HarnessConfig.spotBugsSystemProperties()
        .forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("edu.umd.cs.findbugs.FindBugs2");
    command.addAll(
        List.of(
            "-pluginList",
            pluginJar.toString(),
            "-effort:max",
            "-low",
            "-xml:withMessages",
            "-output",
            xml.toString(),
            "-auxclasspath",
            SpotBugsRun.auxClassPath(),
            "-onlyAnalyze",
            FIXTURE));
    command.addAll(options);
    command.add(Fixtures.classFilesRoot().toString());
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, process.waitFor(), "forked SpotBugs failed");
    return SpotBugsRun.parse(xml);
  }

  private static void copyWithout(Path source, Path target, String left) throws Exception {
    try (ZipFile in = new ZipFile(source.toFile());
        OutputStream file = Files.newOutputStream(target);
        ZipOutputStream out = new ZipOutputStream(file)) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.getName().equals(left)) {
          continue;
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        try (InputStream data = in.getInputStream(entry)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
    }
  }
}
