package dev.pushsim.device;

import java.time.Instant;

/**
 * A notification banner the system shows for an alert push.
 *
 * @param silenced true when Do Not Disturb kept it quiet (it is still in Notification Center)
 */
public record ShownNotification(String bundleId, String apnsId, String collapseId, String title, String body, Instant shownAt, boolean silenced) {

  public String text() {
    return title == null ? body : title + ": " + body;
  }
}
