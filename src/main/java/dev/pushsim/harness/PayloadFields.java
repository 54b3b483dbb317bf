package dev.pushsim.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;

/** Reads a field of a journalled push payload by dotted path, so steps can check keys, not rendered text. */
final class PayloadFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PayloadFields() {}

  /** The node at {@code path} ({@code aps.alert.loc-key}) in {@code payload}, or a missing node. */
  static JsonNode at(String payload, String path) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (IOException notJson) {
      // A payload that is not JSON has no fields; the failure message shows it.
      return MissingNode.getInstance();
    }
    for (String key : path.split("\\.")) {
      node = node == null ? MissingNode.getInstance() : node.path(key);
    }
    return node;
  }

  /** {@code text} as JSON when it is JSON ({@code ["Alice"]}, {@code 1}), else as a string. */
  static JsonNode parseOrText(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
    } catch (IOException plainText) {
      return TextNode.valueOf(text);
    }
  }
}
