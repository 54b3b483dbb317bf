package dev.pushsim.admin;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.push.Environment;
import dev.pushsim.world.Simulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulator's metrics in Prometheus' text format: journal events by type and APNs answers by
 * status and reason (counted from the journal since the admin server started), and gauges read from
 * the world when scraped.
 */
final class Metrics implements AutoCloseable {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Simulator sim;
  private final JournalStreams streams;
  private final Map<String, LongAdder> eventsByType = new ConcurrentHashMap<>();
  private final Map<Answer, LongAdder> answers = new ConcurrentHashMap<>();
  private final Runnable unsubscribe;

  Metrics(Simulator sim, JournalStreams streams) {
    this.sim = sim;
    this.streams = streams;
    this.unsubscribe = sim.journal().subscribe(this::count);
  }

  /** An answer's labels as the event holds them: converted to text only when scraped, not per request. */
  private record Answer(Object environment, Object status, Object reason) {
    List<String> labels() {
      // A dropped connection has no status: it is counted as "dropped", not as an answer.
      return List.of(String.valueOf(environment), status == null ? "dropped" : String.valueOf(status), Objects.toString(reason, ""));
    }
  }

  /** A journal listener: runs on the thread that recorded the event, for every APNs request. */
  private void count(JournalEvent event) {
    eventsByType.computeIfAbsent(event.type(), type -> new LongAdder()).increment();
    if (ApnsService.REQUEST_EVENT.equals(event.type())) {
      Answer answer = new Answer(event.get("environment"), event.get("status"), event.get("reason"));
      answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
    }
  }

  String render() {
    StringBuilder out = new StringBuilder();
    header(out, "pushsim_journal_events_total", "counter", "Journal events recorded since the admin server started, by type.");
    new TreeMap<>(eventsByType).forEach((type, count) -> sample(out, "pushsim_journal_events_total", count.sum(), "type", type));
    header(out, "pushsim_apns_requests_total", "counter", "APNs requests by environment, answered status and reason (status \"dropped\": connection closed instead).");
    // Summed by their text: values of different types that print alike are one sample, as Prometheus would need.
    Map<List<String>, Long> answerCounts = new HashMap<>();
    answers.forEach((answer, count) -> answerCounts.merge(answer.labels(), count.sum(), Long::sum));
    answerCounts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> String.join(" ", a).compareTo(String.join(" ", b))))
        .forEach(entry -> sample(out, "pushsim_apns_requests_total", entry.getValue(),
            "environment", entry.getKey().get(0), "status", entry.getKey().get(1), "reason", entry.getKey().get(2)));
    Map<String, Long> journal = sim.journal().counts();
    gauge(out, "pushsim_journal_recorded_total", "counter", "Journal events recorded since the simulator started.", journal.get("recorded"));
    gauge(out, "pushsim_journal_evicted_total", "counter", "Journal events pushed out of the in-memory ring (still in the NDJSON file, if any).", journal.get("evicted"));
    gauge(out, "pushsim_journal_sink_failures_total", "counter", "Journal events the NDJSON file could not take.", journal.get("sinkFailures"));
    gauge(out, "pushsim_journal_sink_write_errors_total", "counter",
        "Failed NDJSON writes, retried until the disk returns.", journal.get("sinkWriteErrors"));
    header(out, "pushsim_apns_connections", "gauge", "Open provider connections, by environment.");
    for (Environment environment : Environment.values()) {
      sample(out, "pushsim_apns_connections", sim.server(environment).connectionCount(), "environment", environment.apsEnvironment());
    }
    List<Device> devices = List.copyOf(sim.devices());
    List<InstalledApp> apps = devices.stream().flatMap(device -> device.apps().stream()).toList();
    gauge(out, "pushsim_devices", "gauge", "Simulated devices.", devices.size());
    gauge(out, "pushsim_devices_online", "gauge", "Simulated devices connected to APNs.", devices.stream().filter(Device::online).count());
    gauge(out, "pushsim_apps_installed", "gauge", "Apps installed on the simulated devices.", apps.size());
    gauge(out, "pushsim_apps_voip_throttled", "gauge", "Apps iOS stopped launching for VoIP pushes (strike limit reached).", apps.stream().filter(InstalledApp::voipThrottled).count());
    gauge(out, "pushsim_calls_ringing", "gauge", "Incoming calls ringing now.", devices.stream().filter(device -> device.callKit().ringingCall().isPresent()).count());
    gauge(out, "pushsim_device_tokens", "gauge", "Device tokens APNs issued.", sim.tokens().size());
    gauge(out, "pushsim_admin_journal_streams", "gauge", "Open server-sent event streams of the journal.", streams.count());
    return out.toString();
  }

  private static void gauge(StringBuilder out, String name, String type, String help, long value) {
    header(out, name, type, help);
    sample(out, name, value);
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, long value, String... labels) {
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(value).append('\n');
  }

  /** Label values escape backslash, double quote and newline (Prometheus text format 0.0.4). */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override
  public void close() {
    unsubscribe.run();
  }
}
