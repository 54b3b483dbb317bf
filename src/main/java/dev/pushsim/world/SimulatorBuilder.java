package dev.pushsim.world;

import dev.pushsim.apns.ApnsSettings;
import dev.pushsim.apns.PushRouter;
import dev.pushsim.apns.auth.TokenAuthPolicy;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.clock.SimClock;
import dev.pushsim.device.DeviceRules;
import dev.pushsim.journal.Journal;
import dev.pushsim.journal.JournalSink;
import dev.pushsim.push.Environment;
import java.util.EnumMap;
import java.util.Map;

/** Configures a {@link Simulator}; every default suits a test: virtual time, ephemeral ports, TLS. */
public final class SimulatorBuilder {
  SimClock clock = SimClock.virtual();
  ApnsSettings settings = ApnsSettings.defaults();
  TokenAuthPolicy tokenAuthPolicy = TokenAuthPolicy.defaults();
  PushRouter router;
  DeviceRules deviceRules = DeviceRules.defaults();
  String host = "127.0.0.1";
  final Map<Environment, Integer> ports = new EnumMap<>(Environment.class);
  boolean plaintext;
  int threads;
  int journalCapacity = Journal.DEFAULT_CAPACITY;
  JournalSink journalSink;
  DevelopmentCa ca;
  byte[] tokenSecret;

  SimulatorBuilder() {}

  /**
   * Derives every device token from {@code secret} and the installation it belongs to, so that
   * a world built again with the same secret hands its phones the same tokens; by default tokens
   * are random. {@code pushsim serve} keeps one secret per data directory.
   */
  public SimulatorBuilder tokenSecret(byte[] secret) {
    this.tokenSecret = secret == null ? null : secret.clone();
    return this;
  }

  /** The CA for the servers' certificate and client certificates; a fresh one by default. */
  public SimulatorBuilder ca(DevelopmentCa value) {
    this.ca = value;
    return this;
  }

  public SimulatorBuilder clock(SimClock value) {
    this.clock = value;
    return this;
  }

  public SimulatorBuilder settings(ApnsSettings value) {
    this.settings = value;
    return this;
  }

  public SimulatorBuilder tokenAuthPolicy(TokenAuthPolicy value) {
    this.tokenAuthPolicy = value;
    return this;
  }

  /** The PushKit/CallKit model's parameters. */
  public SimulatorBuilder deviceRules(DeviceRules value) {
    this.deviceRules = value;
    return this;
  }

  /** Where accepted pushes go instead of the simulated devices (e.g. {@link PushRouter#NONE}). */
  public SimulatorBuilder router(PushRouter value) {
    this.router = value;
    return this;
  }

  public SimulatorBuilder host(String value) {
    this.host = value;
    return this;
  }

  /** The port of one environment's server; 0 (the default) picks a free one. */
  public SimulatorBuilder port(Environment environment, int port) {
    ports.put(environment, port);
    return this;
  }

  /** Plain h2c instead of TLS, for local tools; certificate auth is then impossible. */
  public SimulatorBuilder plaintext(boolean value) {
    this.plaintext = value;
    return this;
  }

  public SimulatorBuilder threads(int value) {
    this.threads = value;
    return this;
  }

  public SimulatorBuilder journal(int capacity, JournalSink sink) {
    this.journalCapacity = capacity;
    this.journalSink = sink;
    return this;
  }

  public Simulator build() {
    return new Simulator(this);
  }
}
