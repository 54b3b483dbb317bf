package dev.pushsim.world;

import dev.pushsim.apns.ApnsService;
import dev.pushsim.apns.PushRouter;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.journal.EventDraft;
import dev.pushsim.journal.Journal;
import dev.pushsim.push.AcceptedPush;
import dev.pushsim.push.TokenHolder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries each accepted push to the simulated device whose app holds the token, through that
 * device's {@link DeviceLane}: a device's pushes keep APNs' order, and an app whose behaviour
 * {@linkplain dev.pushsim.device.AppBehaviour#callsOut() calls out} (a webhook) never runs on the
 * network thread that answered the push. A token that no simulated device holds (registered
 * straight into the token registry) goes nowhere: APNs accepted it, which is all a provider can see.
 */
final class DeviceRouter implements PushRouter {

  private static final Logger log = LoggerFactory.getLogger(DeviceRouter.class);

  private final Map<Device, DeviceLane> lanes = new ConcurrentHashMap<>();
  private final Executor workers;
  private final InFlight inFlight;
  private final Journal journal;

  DeviceRouter(Executor workers, InFlight inFlight, Journal journal) {
    this.workers = workers;
    this.inFlight = inFlight;
    this.journal = journal;
  }

  @Override
  public void route(AcceptedPush push) {
    TokenHolder holder = push.token().holder();
    if (holder instanceof InstalledApp app) {
      DeviceLane lane = lanes.computeIfAbsent(app.device(), device -> new DeviceLane(workers, inFlight));
      lane.submit(() -> deliver(app, push), !app.spec().behaviour().callsOut());
    } else if (holder != null) {
      deliver(holder, push);
    }
  }

  /** Drops a removed device's lane; a push still in it runs to its end. */
  void forget(Device device) {
    lanes.remove(device);
  }

  private void deliver(TokenHolder holder, AcceptedPush push) {
    try {
      holder.receive(push);
    } catch (RuntimeException bug) {
      // APNs has answered 200 already, perhaps long ago: the failure can only be journaled.
      log.error("Routing {} failed", push.apnsId(), bug);
      journal.record(EventDraft.of(ApnsService.ROUTE_FAILED_EVENT).apnsId(push.apnsId())
          .deviceToken(push.token().hex()).with("why", String.valueOf(bug)));
    }
  }
}
