package dev.pushsim.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.pushsim.journal.JournalJson;
import dev.pushsim.world.YamlFiles;
import java.io.IOException;
import java.util.List;

/** The admin API's JSON: one configured mapper, and errors that say where the body went wrong. */
final class Json {

  /** The journal's JSON (ISO-8601 instants), strict on input: an unknown field is a mistake worth reporting. */
  static final ObjectMapper MAPPER = JournalJson.MAPPER.copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** What is wrong with a JSON body and where, in one sentence: "Unknown field 'nme' at line 1, column 9; ...". */
  static String describe(JsonProcessingException e, byte[] body) {
    String where = where(e.getLocation());
    if (e instanceof UnrecognizedPropertyException unknown) {
      // A record is built once its whole object is read, so Jackson's location is the object's end: find the field itself.
      where = where(fieldLocation(body, unknown.getPath()));
      return "Unknown field '" + unknown.getPropertyName() + "'" + where + "; this request takes " + unknown.getKnownPropertyIds();
    }
    if (e instanceof JsonParseException) {
      return "Malformed JSON" + where + ": " + YamlFiles.InvalidFileException.firstLine(e.getOriginalMessage());
    }
    String field = e instanceof JsonMappingException mapping ? YamlFiles.InvalidFileException.yamlPath(mapping.getPath()) : "";
    String what = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
    return "Invalid " + (field.isEmpty() ? "body" : "field '" + field + "'") + where + ": " + YamlFiles.InvalidFileException.firstLine(what);
  }

  /** Where the field at {@code path} is named in {@code body}, or null. */
  private static JsonLocation fieldLocation(byte[] body, List<JsonMappingException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      pointer.append('/').append(reference.getIndex() >= 0 ? String.valueOf(reference.getIndex()) : reference.getFieldName());
    }
    try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME && parser.getParsingContext().pathAsPointer().toString().equals(pointer.toString())) {
          return parser.currentTokenLocation();
        }
      }
    } catch (IOException e) {
      return null; // the body parsed once already; should it not now, the error simply has no location
    }
    return null;
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
