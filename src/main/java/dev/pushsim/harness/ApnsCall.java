package dev.pushsim.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One notification request a scenario sends, built from a valid push and then changed exactly
 * where the scenario says ("with apns-priority 7").
 */
final class ApnsCall {

  final Map<String, String> headers = new LinkedHashMap<>();
  final List<String[]> repeatedHeaders = new ArrayList<>();
  String method = "POST";
  /** Which fake APNs to send to: the one of the addressed token, unless a scenario says otherwise. */
  dev.pushsim.push.Environment environment = dev.pushsim.push.Environment.SANDBOX;
  String path;
  String body;

  ApnsCall(String path) {
    this.path = path;
  }

  /** Sets, replaces or (for the value "(none)") removes a header, the path, the method or the body. */
  ApnsCall set(String field, String value) {
    boolean remove = "(none)".equals(value);
    switch (field) {
      case ":method" -> method = value;
      case ":path" -> path = value;
      case "body", "payload" -> body = remove ? null : value;
      default -> {
        if (remove) {
          headers.remove(field);
        } else {
          headers.put(field, value);
        }
      }
    }
    return this;
  }
}
