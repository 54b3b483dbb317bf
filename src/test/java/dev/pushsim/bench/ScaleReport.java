package dev.pushsim.bench;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.journal.Journal;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The scale run's findings and checks, as Markdown ({@code target/bench/scale/scale.md}). */
final class ScaleReport {

  /** Steady-state heap may move by this share of the maximum heap and still count as flat. */
  static final double FLAT_TOLERANCE = 0.05;

  private final Map<String, String> facts = new LinkedHashMap<>();
  private final List<String> world = new ArrayList<>();
  private final List<String> pushes = new ArrayList<>();
  private final List<String> samples = new ArrayList<>();
  private final List<String> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private boolean failed;

  void fact(String name, String value) {
    facts.put(name, value);
  }

  void note(String text) {
    notes.add(text);
    failed = true;
  }

  void world(int devices, int apps, int tokens, double loadSeconds, long heapBefore, long heapAfter) {
    long bytes = heapAfter - heapBefore;
    row(world, "world", String.format(Locale.ROOT, "%,d devices x %d apps (APNs + VoIP token each) = %,d tokens", devices, apps, tokens));
    row(world, "load time", String.format(Locale.ROOT, "%.1f s (%,.0f tokens/s)", loadSeconds, tokens / loadSeconds));
    row(world, "heap after GC", String.format(Locale.ROOT, "%.1f MB before, %.1f MB after", mb(heapBefore), mb(heapAfter)));
    row(world, "heap per token", String.format(Locale.ROOT, "%.0f bytes (per device: %,.0f bytes)", (double) bytes / tokens, (double) bytes / devices));
  }

  String worldLines() {
    return String.join("\n", world);
  }

  void pushes(long requested, double seconds, Properties generator, String generatorOutput, EventTally tally, Journal journal,
      ScaleRun.FileCount file, List<ScaleRun.HeapSample> heap, long steadyFrom, long maxHeap) {
    long completed = number(generator, "completed");
    long ok = number(generator, "status_2xx");
    long failedRequests = number(generator, "failed") + number(generator, "status_4xx") + number(generator, "status_5xx");
    row(pushes, "pushes", String.format(Locale.ROOT, "%,d requested, %,d answered (%,d with 200), %,d failed or refused, in %.1f s",
        requested, completed, ok, failedRequests, seconds));
    row(pushes, "generator", generatorOutput.strip().replace("\n", "; "));
    long inRing = journal.events().size();
    row(pushes, "journal", String.format(Locale.ROOT, "%,d events recorded = %,d evicted from the ring + %,d in it (capacity %,d); %,d sink failures",
        journal.recorded(), journal.evicted(), inRing, journal.capacity(), journal.sinkFailures()));
    row(pushes, "NDJSON file", String.format(Locale.ROOT, "%,d lines, %,d of them %s", file.lines(), file.requestLines(), ApnsService.REQUEST_EVENT));
    row(pushes, "events by type", tally.byType().toString());

    for (ScaleRun.HeapSample sample : heap) {
      samples.add("| " + String.format(Locale.ROOT, "%.1f", sample.seconds()) + " | " + String.format(Locale.ROOT, "%,d", sample.requests())
          + " | " + String.format(Locale.ROOT, "%.1f", mb(sample.heapBytes())) + " |");
    }

    check(completed == requested && ok == requested && failedRequests == 0,
        String.format(Locale.ROOT, "every push answered 200: %,d of %,d", ok, requested));
    check(tally.requests() == completed && tally.accepted() == ok,
        String.format(Locale.ROOT, "answers = %s events: %,d = %,d", ApnsService.REQUEST_EVENT, completed, tally.requests()));
    check(journal.recorded() == tally.total(),
        String.format(Locale.ROOT, "the journal's listeners saw every event: %,d = %,d", tally.total(), journal.recorded()));
    check(journal.recorded() == journal.evicted() + inRing && inRing <= journal.capacity(),
        String.format(Locale.ROOT, "ring bounded, nothing dropped: %,d recorded = %,d evicted + %,d in the ring (<= %,d)",
            journal.recorded(), journal.evicted(), inRing, journal.capacity()));
    check(file.lines() == journal.recorded() && file.requestLines() == tally.requests() && journal.sinkFailures() == 0,
        String.format(Locale.ROOT, "every event in the NDJSON file: %,d lines = %,d recorded, %,d request lines, %,d sink failures",
            file.lines(), journal.recorded(), file.requestLines(), journal.sinkFailures()));
    check(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+ExitOnOutOfMemoryError"),
        "no OutOfMemoryError: the JVM runs with -XX:+ExitOnOutOfMemoryError and got here");
    flatness(heap, steadyFrom, maxHeap);
  }

  /**
   * Flat: once every device has had its first pushes (the per-device state they create is then
   * in place), the heap after a full GC shows no trend: a least-squares line through those
   * samples moves by at most {@link #FLAT_TOLERANCE} of the maximum heap. What moves with the push
   * rate (ringing calls, Apple's per-token rate windows) shows as spread, reported alongside.
   */
  void flatness(List<ScaleRun.HeapSample> heap, long steadyFrom, long maxHeap) {
    List<ScaleRun.HeapSample> steady = heap.stream().filter(sample -> sample.requests() >= steadyFrom).toList();
    if (steady.size() < 3) {
      check(false, "heap flat: " + steady.size() + " samples after request " + steadyFrom + ", too few; lower --sample-every");
      return;
    }
    double n = steady.size();
    double meanX = steady.stream().mapToDouble(ScaleRun.HeapSample::requests).sum() / n;
    double meanY = steady.stream().mapToDouble(ScaleRun.HeapSample::heapBytes).sum() / n;
    double covariance = steady.stream().mapToDouble(sample -> (sample.requests() - meanX) * (sample.heapBytes() - meanY)).sum();
    double variance = steady.stream().mapToDouble(sample -> (sample.requests() - meanX) * (sample.requests() - meanX)).sum();
    long span = steady.get(steady.size() - 1).requests() - steady.get(0).requests();
    double trend = variance == 0 ? 0 : covariance / variance * span;
    long min = steady.stream().mapToLong(ScaleRun.HeapSample::heapBytes).min().orElseThrow();
    long max = steady.stream().mapToLong(ScaleRun.HeapSample::heapBytes).max().orElseThrow();
    check(Math.abs(trend) <= FLAT_TOLERANCE * maxHeap,
        String.format(Locale.ROOT, "heap after GC flat from request %,d on (%d samples): trend %+.1f MB over %,d pushes (allowed %.0f%% of the %.0f MB heap); spread %.1f to %.1f MB",
            steadyFrom, steady.size(), mb((long) trend), span, FLAT_TOLERANCE * 100, mb(maxHeap), mb(min), mb(max)));
  }

  void gc(long collections, long millis, int forSamples, double seconds) {
    row(pushes, "GC during the pushes", String.format(Locale.ROOT, "%,d collections (%d of them the full GCs of the heap samples), %.1f s of %.1f s",
        collections, forSamples, millis / 1000.0, seconds));
  }

  private void check(boolean passed, String text) {
    checks.add((passed ? "- PASS " : "- FAIL ") + text);
    failed |= !passed;
  }

  boolean allChecksPass() {
    return !failed;
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# Scale run\n\n");
    facts.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
    md.append("\n| | |\n|---|---|\n");
    world.forEach(line -> md.append(line).append('\n'));
    pushes.forEach(line -> md.append(line).append('\n'));
    if (!samples.isEmpty()) {
      md.append("\nHeap after a full GC while the pushes flow:\n\n| s | requests journaled | heap MB |\n|---:|---:|---:|\n");
      samples.forEach(line -> md.append(line).append('\n'));
    }
    if (!checks.isEmpty()) {
      md.append("\nChecks:\n\n");
      checks.forEach(line -> md.append(line).append('\n'));
    }
    notes.forEach(line -> md.append("\nNOTE: ").append(line).append('\n'));
    return md.toString();
  }

  private static void row(List<String> rows, String name, String value) {
    rows.add("| " + name + " | " + value.replace("|", "/") + " |");
  }

  private static long number(Properties properties, String name) {
    String value = properties.getProperty(name);
    return value == null || value.isBlank() ? -1 : Long.parseLong(value.strip());
  }

  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }
}
