package dev.pushsim.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** One admin API call as a route sees it: its path parameters, query parameters, headers and body. */
final class AdminRequest {

  /** Admin bodies are small JSON documents and payloads; anything larger is a mistake. */
  static final int MAX_BODY_BYTES = 1 << 20;
  /** Where a browser's EventSource, which cannot set headers, puts the bearer token. */
  static final String ACCESS_TOKEN = "access_token";

  private final Map<String, String> pathParameters;
  private final Map<String, String> query;
  private final Function<String, String> headers;
  private final byte[] bytes;

  /** {@code query} as {@link #parseQuery} read it (the server reads it first, for the access token). */
  AdminRequest(Map<String, String> pathParameters, Map<String, String> query, Function<String, String> headers, byte[] body) {
    this.pathParameters = pathParameters;
    this.query = query;
    this.headers = headers;
    this.bytes = body;
  }

  /** The path parameter {@code name} of the route's template, decoded. */
  String path(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalStateException("The route has no path parameter {" + name + "}");
    }
    return value;
  }

  Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name)).filter(value -> !value.isEmpty());
  }

  /** Refuses query parameters other than {@code names}: a misspelt filter must not silently match everything. */
  void allowQuery(List<String> names) {
    for (String name : query.keySet()) {
      if (!names.contains(name) && !name.equals(ACCESS_TOKEN)) {
        throw AdminException.badRequest("Unknown query parameter '" + name + "'; this route takes " + names);
      }
    }
  }

  /** The query parameter {@code name} as a whole number within bounds, or {@code fallback}. */
  long queryNumber(String name, long fallback, long min, long max) {
    Optional<String> text = query(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text.get());
      if (value < min || value > max) {
        throw AdminException.badRequest("Query parameter '" + name + "' must be between " + min + " and " + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw AdminException.badRequest("Query parameter '" + name + "' must be a whole number, not '" + text.get() + "'");
    }
  }

  /** The first value of header {@code name}, or null. */
  String header(String name) {
    return headers.apply(name);
  }

  /** The body's bytes (at most {@link #MAX_BODY_BYTES}: the server refuses larger bodies with 413 before a route runs). */
  byte[] bodyBytes() {
    return bytes;
  }

  /** The body read as {@code type}; a missing, malformed or unexpected body is a 400 saying where. */
  <T> T body(Class<T> type) {
    byte[] json = bodyBytes();
    if (json.length == 0) {
      throw AdminException.badRequest("This request needs a JSON body with " + fieldsOf(type) + ".");
    }
    try {
      T value = Json.MAPPER.readValue(json, type);
      if (value == null) {
        throw AdminException.badRequest("This request needs a JSON object with " + fieldsOf(type) + ", not null.");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw AdminException.badRequest(Json.describe(e, json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fieldsOf(Class<?> type) {
    if (!type.isRecord()) {
      return "the fields of " + type.getSimpleName();
    }
    return "the fields " + Arrays.stream(type.getRecordComponents()).map(component -> component.getName()).toList();
  }

  /** Query parameters by name (the first of repeated ones), decoded. */
  static Map<String, String> parseQuery(String raw) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw AdminException.badRequest("Malformed percent-encoding in the query: '" + text + "'");
    }
  }
}
