package dev.pushsim.device;

import java.util.HashSet;
import java.util.Set;

/** The handles a user blocked (Settings › Phone › Blocked Contacts): copied on write, as blocking is rare. */
final class BlockedCallers {

  private volatile Set<String> handles = Set.of();

  Set<String> handles() {
    return handles;
  }

  synchronized void set(String handle, boolean blocked) {
    Set<String> changed = new HashSet<>(handles);
    if (blocked ? changed.add(handle) : changed.remove(handle)) {
      handles = Set.copyOf(changed);
    }
  }

  synchronized void clear() {
    handles = Set.of();
  }
}
