package dev.pushsim.admin;

import dev.pushsim.apns.Fault;
import dev.pushsim.apns.Faults;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.device.ModelKnobs;
import dev.pushsim.push.DeviceToken;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import dev.pushsim.world.Durations;
import dev.pushsim.world.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The world as a whole: health, reset, the device tokens APNs issued, fault injection ({@link
 * Faults}), the clock, the device model's knobs, and metrics.
 */
final class SimulatorRoutes {

  private final Simulator sim;
  private final Metrics metrics;
  private final Object advancing = new Object();

  SimulatorRoutes(Simulator sim, Metrics metrics) {
    this.sim = sim;
    this.metrics = metrics;
  }

  void addTo(RouteTable table) {
    table
        .get("/admin/health", "status, clock, APNs endpoints, journal counts", this::health)
        .post("/admin/reset", "disarm faults, every device back to a fresh state; tokens and journal stay", this::reset)
        .get("/admin/tokens", "the device tokens APNs issued, with the device that holds each", this::tokens)
        .get("/admin/tokens/{token}", "one device token", request -> TokenView.of(token(request), sim))
        .delete("/admin/tokens/{token}", "invalidate a token: pushes to it answer 410 Unregistered", this::unregister)
        .get("/admin/faults", "the armed faults", request -> new ArmedFaults(sim.faults().describe()))
        .post("/admin/faults", "arm a fault: {\"respondWith\": \"ServiceUnavailable\", \"times\": 3}, delay, goAwayAfter, ...", this::injectFault)
        .delete("/admin/faults", "disarm every fault", this::clearFaults)
        .get("/admin/clock", "the clock: virtual or system, and now", request -> clock())
        .post("/admin/clock/advance", "move virtual time: {\"by\": \"7s\"} (409 on the system clock)", this::advance)
        .get("/admin/model", "the device model's knobs and their values (docs/device-model.md)", request -> model())
        .post("/admin/model", "set knobs: {\"set\": {\"strikeLimit\": 5, \"forceQuitVoip\": \"withhold\"}}", this::setModel)
        .get("/admin/metrics", "Prometheus text format", request -> AdminReply.text(Metrics.CONTENT_TYPE, metrics.render()));
  }

  /** {@code GET /admin/health}. */
  record Health(String status, String clock, Instant now, Map<String, String> apns, int devices, Map<String, Long> journal) {}

  /** {@code GET /admin/clock}: {@code pendingTasks} only on a virtual clock. */
  record ClockView(String mode, Instant now, Integer pendingTasks) {}

  /** {@code POST /admin/clock/advance}. */
  record ClockAdvance(String by) {
    ClockAdvance {
      if (by == null) {
        throw new IllegalArgumentException("'by' is required, e.g. \"7s\"");
      }
      Durations.parse(by);
    }
  }

  /** {@code GET /admin/model}: each knob of {@link ModelKnobs} with its value now. */
  record ModelView(Map<String, String> knobs) {}

  /** {@code POST /admin/model}: knobs to set, by name, as in world.yaml's {@code model:} section. */
  record ModelChange(Map<String, String> set) {
    ModelChange {
      if (set == null || set.isEmpty()) {
        throw new IllegalArgumentException("'set' names the knobs to change, e.g. {\"set\": {\"strikeLimit\": 5}}");
      }
    }
  }

  /** {@code GET /admin/faults}: what is armed, in the order it applies. */
  record ArmedFaults(List<String> armed) {}

  /** A device token and the device whose app holds it (null once uninstalled or never on a device). */
  record TokenView(String token, String bundleId, String channel, String environment, Instant invalidatedAt, Instant expiresAt, String device) {
    static TokenView of(DeviceToken token, Simulator sim) {
      return new TokenView(token.hex(), token.bundleId(), token.channel().name(), token.environment().apsEnvironment(),
          token.invalidatedAt(), token.expiresAt(), sim.apps().find(token.hex()).map(app -> app.device().name()).orElse(null));
    }
  }

  /**
   * {@code POST /admin/faults}: one of {@link Faults}' methods, named by its field. {@code times}
   * goes with {@code respondWith} and {@code delay} (default 1); {@code reason} with {@code
   * goAwayAfter} (default Shutdown).
   */
  record FaultRequest(String respondWith, String delay, Integer times, Integer goAwayAfter, String reason,
      Integer dropConnectionAfter, Long maxConcurrentStreams, String resetStream, Boolean stall, String environment) {
    FaultRequest {
      long named = Stream.of(respondWith, delay, goAwayAfter, dropConnectionAfter, maxConcurrentStreams,
          resetStream, stall).filter(Objects::nonNull).count();
      if (named != 1) {
        throw new IllegalArgumentException("name exactly one fault: respondWith, delay, goAwayAfter,"
            + " dropConnectionAfter, maxConcurrentStreams, resetStream or stall");
      }
      if (times != null && respondWith == null && delay == null && resetStream == null && stall == null) {
        throw new IllegalArgumentException("'times' goes with respondWith, delay, resetStream or stall");
      }
      if (Boolean.FALSE.equals(stall)) {
        throw new IllegalArgumentException("'stall' arms a stall: true, or leave it out");
      }
      if (environment != null) {
        environment(environment);
      }
      if (resetStream != null) {
        new Fault.ResetStream(resetStream);
      }
      if (times != null && times < 1) {
        throw new IllegalArgumentException("'times' must be from 1 to 2147483647, not " + times);
      }
      if (reason != null && goAwayAfter == null) {
        throw new IllegalArgumentException("'reason' goes with goAwayAfter");
      }
      if (goAwayAfter != null && goAwayAfter < 1) {
        throw new IllegalArgumentException("'goAwayAfter' must be from 1 to 2147483647 requests, not " + goAwayAfter);
      }
      if (dropConnectionAfter != null && dropConnectionAfter < 1) {
        throw new IllegalArgumentException(
            "'dropConnectionAfter' must be from 1 to 2147483647 requests, not " + dropConnectionAfter);
      }
      // The faults' own constructors hold the ranges, so the Java API and this body refuse alike.
      if (respondWith != null) {
        new Fault.Respond(reason(respondWith));
      }
      if (goAwayAfter != null) {
        new Fault.GoAway(reason == null ? Reason.SHUTDOWN : reason(reason));
      }
      if (delay != null) {
        new Fault.Delay(Durations.parse(delay));
      }
      if (maxConcurrentStreams != null) {
        new Fault.StreamLimit(maxConcurrentStreams);
      }
    }

    void applyTo(Faults all) {
      Faults faults = environment == null ? all : all.only(environment(environment));
      int count = times == null ? 1 : times;
      if (respondWith != null) {
        faults.respondWith(reason(respondWith), count);
      } else if (delay != null) {
        faults.delay(Durations.parse(delay), count);
      } else if (goAwayAfter != null) {
        faults.goAwayAfter(goAwayAfter, reason == null ? Reason.SHUTDOWN : reason(reason));
      } else if (dropConnectionAfter != null) {
        faults.dropConnectionAfter(dropConnectionAfter);
      } else if (resetStream != null) {
        faults.resetStream(resetStream, count);
      } else if (stall != null) {
        faults.stall(count);
      } else {
        faults.maxConcurrentStreams(maxConcurrentStreams);
      }
    }

    private static Environment environment(String name) {
      return Environment.parse(name);
    }

    private static Reason reason(String wireString) {
      return Reason.fromWireString(wireString).orElseThrow(() -> new IllegalArgumentException("unknown reason '" + wireString + "': use one of "
          + Arrays.stream(Reason.values()).map(Reason::wireString).filter(Objects::nonNull).toList()));
    }
  }

  private Health health(AdminRequest request) {
    Map<String, String> apns = new LinkedHashMap<>();
    for (Environment environment : Environment.values()) {
      apns.put(environment.apsEnvironment(), sim.server(environment).url());
    }
    return new Health("ok", clock().mode(), sim.clock().now(), apns, sim.devices().size(), sim.journal().counts());
  }

  private Health reset(AdminRequest request) {
    sim.reset();
    return health(request);
  }

  private List<TokenView> tokens(AdminRequest request) {
    return sim.tokens().all().stream().map(token -> TokenView.of(token, sim))
        .sorted(Comparator.comparing(TokenView::bundleId).thenComparing(view -> Objects.toString(view.device(), "")).thenComparing(TokenView::token))
        .toList();
  }

  private TokenView unregister(AdminRequest request) {
    DeviceToken token = token(request);
    return TokenView.of(sim.tokens().unregister(token.hex()), sim);
  }

  private DeviceToken token(AdminRequest request) {
    String hex = request.path("token");
    return sim.tokens().find(hex).orElseThrow(() -> AdminException.notFound("No device token " + hex + " was ever issued."));
  }

  private AdminReply injectFault(AdminRequest request) {
    request.body(FaultRequest.class).applyTo(sim.faults());
    return AdminReply.created(new ArmedFaults(sim.faults().describe()));
  }

  private ModelView model() {
    return new ModelView(ModelKnobs.of(sim.deviceRules()));
  }

  /** All of the change or none: a wrong knob leaves the model as it was. */
  private ModelView setModel(AdminRequest request) {
    sim.deviceRules(ModelKnobs.set(sim.deviceRules(), new TreeMap<>(request.body(ModelChange.class).set())));
    return model();
  }

  private ArmedFaults clearFaults(AdminRequest request) {
    sim.faults().clear();
    return new ArmedFaults(sim.faults().describe());
  }

  private ClockView clock() {
    if (sim.clock() instanceof VirtualClock virtual) {
      return new ClockView("virtual", virtual.now(), virtual.pendingTasks());
    }
    return new ClockView("system", sim.clock().now(), null);
  }

  private ClockView advance(AdminRequest request) {
    Duration by = Durations.parse(request.body(ClockAdvance.class).by());
    if (!(sim.clock() instanceof VirtualClock virtual)) {
      throw AdminException.conflict("The simulator runs on the system clock: time passes by itself. Start it with --clock virtual to move time by hand.");
    }
    // One advance at a time: a second request waits for the first instead of failing inside the clock.
    // Not the clock's own monitor: network threads that schedule deadlines take it while holding a device's lock.
    synchronized (advancing) {
      virtual.advance(by);
    }
    return clock();
  }
}
