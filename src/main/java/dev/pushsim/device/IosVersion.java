package dev.pushsim.device;

/** A device's iOS version as written ({@code 17.5}, {@code 26.4.1}), compared by its numbers. */
final class IosVersion {

  /** The first iOS with {@code PKVoIPPushMetadata} and the metadata delegate. */
  static final int[] METADATA_DELEGATE = {26, 4};

  private IosVersion() {}

  /** True when {@code version} is {@code minimum} or later; a version PushSim cannot read is old. */
  static boolean atLeast(String version, int[] minimum) {
    String[] parts = version == null ? new String[0] : version.trim().split("\\.");
    for (int i = 0; i < minimum.length; i++) {
      int part;
      try {
        part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
      } catch (NumberFormatException e) {
        return false;
      }
      if (part != minimum[i]) {
        return part > minimum[i];
      }
    }
    return true;
  }
}
