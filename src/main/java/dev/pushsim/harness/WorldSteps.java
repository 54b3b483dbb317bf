package dev.pushsim.harness;

import dev.pushsim.apns.tls.CertificateKind;
import dev.pushsim.apns.tls.DevelopmentCa;
import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.Capabilities;
import dev.pushsim.device.Device;
import dev.pushsim.device.ModelKnobs;
import dev.pushsim.push.Environment;
import io.cucumber.java.en.Given;
import java.time.Duration;

/** Sets the scene: the provider's team, the app and how it behaves, the devices. */
public final class WorldSteps {

  private final ScenarioWorld world;

  public WorldSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("a team {string} with a signing key")
  public void aTeamWithASigningKey(String teamId) {
    world.team(teamId);
  }

  /** The scenario's pushes present an Apple-style client certificate for the app, minted by the simulator's CA. */
  @Given("the provider authenticates with a {certificate} certificate")
  public void authenticatesWithACertificate(CertificateKind kind) {
    world.authenticateWith(world.sim.ca().mintClientCertificate(world.app.bundleId(), kind));
  }

  @Given("the provider authenticates with a certificate from another CA")
  public void authenticatesWithAForeignCertificate() {
    world.authenticateWith(DevelopmentCa.create(world.sim.clock(), "Not Apple's CA").mintClientCertificate(world.app.bundleId(), CertificateKind.VOIP_SERVICES));
  }

  @Given("an app {string}")
  public void anApp(String bundleId) {
    world.app = dev.pushsim.device.AppSpec.voipApp(bundleId).withBehaviour(world.app.behaviour());
    if (world.team != null) {
      // The team may be declared first: declaration order of world steps does not matter.
      world.team.addBundleId(bundleId);
    }
  }

  @Given("the app is signed for {environment}")
  public void theAppIsSignedFor(Environment environment) {
    world.app = world.app.signedFor(environment);
  }

  @Given("the app has no Voice over IP background mode")
  public void theAppHasNoVoipBackgroundMode() {
    world.app = world.app.withCapabilities(world.app.capabilities().withVoipBackgroundMode(false));
  }

  @Given("the app has no CallKit entitlement")
  public void theAppHasNoCallKitEntitlement() {
    world.app = world.app.withCapabilities(world.app.capabilities().withCallKit(false));
  }

  /** Tencent's FAQ: no VoIP token "if the Push Notifications capability" is missing. */
  @Given("the app has no Push Notifications capability")
  public void theAppHasNoPush() {
    Capabilities now = world.app.capabilities();
    world.app = world.app.withCapabilities(new Capabilities(false, now.voipBackgroundMode(), now.callKit()));
  }

  @Given("the app has only the Push Notifications capability")
  public void theAppHasOnlyPush() {
    world.app = world.app.withCapabilities(Capabilities.pushOnly());
  }

  @Given("the app reports calls to CallKit at once")
  public void reportsAtOnce() {
    behave(AppBehaviour.reportImmediately());
  }

  @Given("the app reports calls to CallKit after {duration}")
  public void reportsAfter(Duration delay) {
    behave(AppBehaviour.reportAfter(delay));
  }

  @Given("the app never reports calls to CallKit")
  public void neverReports() {
    behave(AppBehaviour.neverReport());
  }

  @Given("the app blocks its PushKit delegate for {duration}")
  public void blocksItsDelegate(Duration duration) {
    behave(AppBehaviour.blockDelegate(duration));
  }

  @Given("the app crashes when a VoIP push arrives")
  public void crashes() {
    behave(AppBehaviour.crash("EXC_BAD_ACCESS in the PushKit delegate"));
  }

  /** Reports only when iOS 26.4's metadata says {@code mustReport} (always under the classic delegate). */
  @Given("the app reports calls to CallKit only when mustReport")
  public void reportsWhenMustReport() {
    behave(AppBehaviour.reportWhenMustReport());
  }

  @Given("the app reports calls to LiveCommunicationKit only when mustReport")
  public void reportsThroughLiveCommunicationKit() {
    behave(AppBehaviour.reportThroughLiveCommunicationKit());
  }

  /** Say after how the app reacts: it keeps that reaction and also implements the metadata delegate. */
  @Given("the app implements the iOS 26.4 metadata delegate")
  public void implementsTheMetadataDelegate() {
    behave(AppBehaviour.withMetadataDelegate(world.app.behaviour()));
  }

  /** Say after how the app reacts: it keeps that reaction, with its delegate set late. */
  @Given("the app sets its PushKit delegate only {duration} after launch")
  public void setsItsDelegateLate(Duration late) {
    behave(AppBehaviour.delegateSetLate(late, world.app.behaviour()));
  }

  @Given("the app does not set its PushKit delegate at launch")
  public void setsNoDelegate() {
    behave(AppBehaviour.delegateNeverSet(world.app.behaviour()));
  }

  @Given("a device {string} with the app installed")
  public void aDeviceWithTheAppInstalled(String name) {
    aDeviceOnIosWithTheAppInstalled(name, "17.5");
  }

  @Given("a device {string} on iOS {string} with the app installed")
  public void aDeviceOnIosWithTheAppInstalled(String name, String iosVersion) {
    world.team();
    Device device = world.sim.addDevice(name, iosVersion);
    world.devices.put(name, device);
    world.knownApps.put(name, device.install(world.app));
  }

  @Given("a device {string} without the app")
  public void aDeviceWithoutTheApp(String name) {
    world.devices.put(name, world.sim.addDevice(name, "17.5"));
  }

  /** Sets a model choice for this scenario: {@code the device model's strikeLimit is "5"} (docs/device-model.md). */
  @Given("the device model's {word} is {string}")
  public void theDeviceModelKnobIs(String knob, String value) {
    world.sim.deviceRules(ModelKnobs.set(world.sim.deviceRules(), knob, value));
  }

  @Given("{string} is offline")
  public void isOffline(String device) {
    world.device(device).goOffline();
  }

  @Given("{string} is in Do Not Disturb")
  public void isInDoNotDisturb(String device) {
    world.device(device).setDoNotDisturb(true);
  }

  /** A caller by handle or display name, as Focus's allowed people or Favorites. */
  @Given("{string} allows calls from {string} in Do Not Disturb")
  public void allowsCallsFromInDoNotDisturb(String device, String caller) {
    world.device(device).allowInDoNotDisturb(caller);
  }

  /** A two-letter App Store storefront: {@code CN} makes CallKit unavailable. */
  @Given("{string} is on the {word} storefront")
  public void isOnTheStorefront(String device, String countryCode) {
    world.device(device).setStorefront(countryCode);
  }

  @Given("{string} has Repeated Calls off")
  public void hasRepeatedCallsOff(String device) {
    world.device(device).setRepeatedCalls(false);
  }

  @Given("{string} blocks calls from {string}")
  public void blocksCallsFrom(String device, String handle) {
    world.device(device).block(handle);
  }

  /** Applies to the app being described and to every copy already installed. */
  private void behave(AppBehaviour behaviour) {
    world.app = world.app.withBehaviour(behaviour);
    for (Device device : world.devices.values()) {
      device.app(world.app.bundleId()).ifPresent(app -> app.setBehaviour(behaviour));
    }
  }
}
