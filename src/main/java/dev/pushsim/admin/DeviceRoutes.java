package dev.pushsim.admin;

import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventPattern;
import dev.pushsim.journal.JournalEvent;
import dev.pushsim.push.PushType;
import dev.pushsim.world.Behaviours;
import dev.pushsim.world.Simulator;
import dev.pushsim.world.WorldFile;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The devices, their apps and calls: each route is one call of {@link Device}, {@link
 * InstalledApp} or {@code CallKit}, answered with the device or app as it is afterwards.
 */
final class DeviceRoutes {

  private final Simulator sim;

  DeviceRoutes(Simulator sim) {
    this.sim = sim;
  }

  void addTo(RouteTable table) {
    String device = "/admin/devices/{device}";
    String app = device + "/apps/{app}";
    table
        .get("/admin/devices", "the simulated devices", this::list)
        .post("/admin/devices", "add a device: {\"name\", \"ios\"}", this::add)
        .get(device, "one device", request -> DeviceView.of(device(request)))
        .delete(device, "remove the device: its apps are uninstalled, their tokens answer 410", this::remove)
        .post(device + "/online", "the device reconnects: APNs forwards what it stored", request -> change(request, Device::goOnline))
        .post(device + "/offline", "the device loses its connection: APNs stores pushes", request -> change(request, Device::goOffline))
        .put(device + "/do-not-disturb", "Do Not Disturb: {\"enabled\": true}", this::doNotDisturb)
        .post(device + "/restart", "restart the phone: apps stop, calls end", request -> change(request, Device::restart))
        .post(device + "/reset", "back to a fresh state (online, no calls, no strikes)", request -> change(request, Device::reset))
        .post(device + "/calls/{call}/answer", "the user answers the ringing call", request -> call(request, true))
        .post(device + "/calls/{call}/decline", "the user declines the ringing call", request -> call(request, false))
        .get(device + "/apps", "the apps installed on the device", request -> DeviceView.of(device(request)).apps())
        .post(device + "/apps", "install: {\"bundleId\", \"signedFor\", \"behaviour\", \"capabilities\"}", this::install)
        .get(app, "one installed app", request -> DeviceView.AppView.of(app(request)))
        .delete(app, "uninstall: its tokens answer 410 Unregistered", this::uninstall)
        .post(app + "/launch", "the user opens the app", request -> act(request, Device::launch))
        .post(app + "/kill", "the user swipes the app away", request -> act(request, Device::kill))
        .post(app + "/reinstall", "uninstall and install again: new tokens, no strikes", this::reinstall)
        .put(app + "/behaviour", "what the app does with VoIP pushes: {\"behaviour\": \"report after 2s\"}", this::behaviour)
        .post(app + "/push", "hand a payload to the app, bypassing APNs (like simctl push); ?type=voip", this::push);
  }

  /** {@code PUT .../do-not-disturb}. */
  record DoNotDisturb(boolean enabled) {}

  /** {@code PUT .../behaviour}: a behaviour as the world file writes it. */
  record BehaviourChange(String behaviour) {
    BehaviourChange {
      if (behaviour == null) {
        throw new IllegalArgumentException("'behaviour' is required, e.g. \"report after 2s\"");
      }
      Behaviours.parse(behaviour);
    }
  }

  /** {@code POST /admin/devices}. */
  record NewDevice(String name, String ios) {
    NewDevice {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a device needs a 'name'");
      }
      ios = ios == null ? "17.5" : ios;
    }
  }

  /** What {@code POST .../push} did: the push's apns-id and what the phone did with it so far. */
  record Pushed(String apnsId, String device, String app, String pushType, List<JournalEvent> events) {}

  private List<DeviceView> list(AdminRequest request) {
    return sim.devices().stream().sorted(Comparator.comparing(Device::name)).map(DeviceView::of).toList();
  }

  private AdminReply add(AdminRequest request) {
    NewDevice spec = request.body(NewDevice.class);
    // A name already taken is the simulator's IllegalStateException, answered 409.
    return AdminReply.created(DeviceView.of(sim.addDevice(spec.name(), spec.ios())));
  }

  /** {@code DELETE /admin/devices/{device}}: answers the devices left. */
  private List<DeviceView> remove(AdminRequest request) {
    sim.removeDevice(device(request).name());
    return list(request);
  }

  private DeviceView doNotDisturb(AdminRequest request) {
    Device device = device(request);
    device.setDoNotDisturb(request.body(DoNotDisturb.class).enabled());
    return DeviceView.of(device);
  }

  private DeviceView call(AdminRequest request, boolean answer) {
    Device device = device(request);
    UUID uuid;
    try {
      uuid = UUID.fromString(request.path("call"));
    } catch (IllegalArgumentException e) {
      throw AdminException.badRequest("'" + request.path("call") + "' is not a call UUID");
    }
    if (device.callKit().calls().stream().noneMatch(call -> call.update().callUuid().equals(uuid))) {
      throw AdminException.notFound("No call " + uuid + " on " + device.name() + ".");
    }
    if (answer) {
      device.callKit().answer(uuid);
    } else {
      device.callKit().decline(uuid);
    }
    return DeviceView.of(device);
  }

  private AdminReply install(AdminRequest request) {
    Device device = device(request);
    WorldFile.AppInstall install = request.body(WorldFile.AppInstall.class);
    sim.webhooks().check(install.appBehaviour());
    return AdminReply.created(DeviceView.AppView.of(device.install(install.toSpec())));
  }

  private DeviceView uninstall(AdminRequest request) {
    Device device = device(request);
    device.uninstall(app(request).bundleId());
    return DeviceView.of(device);
  }

  private DeviceView.AppView reinstall(AdminRequest request) {
    return DeviceView.AppView.of(device(request).reinstall(app(request).bundleId()));
  }

  private DeviceView.AppView behaviour(AdminRequest request) {
    InstalledApp app = app(request);
    app.setBehaviour(sim.webhooks().check(Behaviours.parse(request.body(BehaviourChange.class).behaviour())));
    return DeviceView.AppView.of(app);
  }

  private Pushed push(AdminRequest request) {
    request.allowQuery(List.of("type"));
    InstalledApp app = app(request);
    String typeName = request.query("type").orElse(PushType.ALERT.headerValue());
    PushType type = PushType.fromHeader(typeName).orElseThrow(() -> AdminException.badRequest(
        "Unknown push type '" + typeName + "': use one of " + Arrays.stream(PushType.values()).map(PushType::headerValue).toList()));
    String apnsId = app.device().push(app.bundleId(), type, request.bodyBytes());
    return new Pushed(apnsId, app.device().name(), app.bundleId(), type.headerValue(), sim.journal().find(EventPattern.any().withApnsId(apnsId)));
  }

  private DeviceView change(AdminRequest request, Consumer<Device> action) {
    Device device = device(request);
    action.accept(device);
    return DeviceView.of(device);
  }

  private DeviceView.AppView act(AdminRequest request, BiConsumer<Device, String> action) {
    InstalledApp app = app(request);
    action.accept(app.device(), app.bundleId());
    return DeviceView.AppView.of(app);
  }

  private Device device(AdminRequest request) {
    String name = request.path("device");
    return sim.findDevice(name).orElseThrow(() -> AdminException.notFound("No device named '" + name + "'; devices: "
        + sim.devices().stream().map(Device::name).sorted().toList()));
  }

  private InstalledApp app(AdminRequest request) {
    Device device = device(request);
    String bundleId = request.path("app");
    return device.app(bundleId).orElseThrow(() -> AdminException.notFound(bundleId + " is not installed on " + device.name()
        + "; installed: " + device.apps().stream().map(InstalledApp::bundleId).toList()));
  }
}
