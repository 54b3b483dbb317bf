package dev.pushsim.world;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.pushsim.push.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads PushSim's YAML files ({@code world.yaml}, {@code provider.yaml}) into records that check
 * their own fields, and turns every mistake into one line: file, line, column, the entry's path
 * and what is wrong.
 */
public final class YamlFiles {

  /** The largest world or provider file: a few KB is usual, and a larger one is refused before it is parsed. */
  public static final int DOCUMENT_LIMIT = ConfigFiles.YAML_LIMIT;
  /** The longest single value (a name, a path, a behaviour): far beyond any real one, far below a heap. */
  public static final int VALUE_LIMIT = 64 * 1024;

  private static final ObjectMapper YAML = new ObjectMapper(boundedFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a key given twice is a mistake, not "the last wins"

  private YamlFiles() {}

  /** SnakeYAML stops at the document limit, whatever the caller read. */
  private static YAMLFactory boundedFactory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(DOCUMENT_LIMIT);
    return YAMLFactory.builder().loaderOptions(loader).build();
  }

  /**
   * Refuses a key or value over {@link #VALUE_LIMIT}, with its line and column. A pass over the tokens of its
   * own, because Jackson's YAML parser does not apply {@code StreamReadConstraints} to scalars.
   */
  private static void requireShortValues(byte[] bytes, String source) throws IOException {
    try (JsonParser tokens = YAML.getFactory().createParser(bytes)) {
      for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
        requireNoAlias(tokens, source);
        if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)
            && tokens.getTextLength() > VALUE_LIMIT) {
          JsonLocation at = tokens.currentTokenLocation();
          throw new InvalidFileException(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": a value is"
              + " longer than " + VALUE_LIMIT + " characters (names, paths and ids are short)", null);
        }
      }
    }
  }

  /**
   * Refuses YAML aliases: Jackson reads {@code *name} as the text "name" (a bundle id nobody wrote), and an alias
   * bomb could grow a small file without bound. An anchor alone changes nothing. A world file is short: write it out.
   */
  private static void requireNoAlias(JsonParser tokens, String source) throws IOException {
    if (tokens instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      JsonLocation at = tokens.currentTokenLocation();
      throw new InvalidFileException(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": the alias '*"
          + tokens.getText() + "' is not supported: YAML aliases (*name) are refused; write each value out", null);
    }
  }

  /**
   * Reads {@code yaml} as a {@code type}; null for an empty file.
   *
   * @param source the file's name, for messages
   * @throws InvalidFileException naming the file, line, column and what is wrong
   */
  public static <T> T read(InputStream yaml, String source, Class<T> type) {
    try {
      byte[] bytes = yaml.readNBytes(DOCUMENT_LIMIT + 1);
      if (bytes.length > DOCUMENT_LIMIT) {
        throw new InvalidFileException(source + ": is over " + DOCUMENT_LIMIT + " bytes, too large for a world"
            + " or provider file (they are a few KB)", null);
      }
      if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
        return null;
      }
      requireShortValues(bytes, source);
      return YAML.readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw InvalidFileException.from(source, e);
    } catch (IOException e) {
      throw new InvalidFileException(source + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** A file that cannot be used, with where and why. */
  public static final class InvalidFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidFileException(String message, Throwable cause) {
      super(message, cause);
    }

    static InvalidFileException from(String source, JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
      String path = e instanceof JsonMappingException mapping ? yamlPath(mapping.getPath()) : "";
      if (!path.isEmpty()) {
        // A record's own check fails once its block is read, so the line can be the next one:
        // the path says exactly which entry.
        where += " (" + path + ")";
      }
      String what;
      if (e instanceof UnrecognizedPropertyException unknown) {
        what = "unknown field '" + unknown.getPropertyName() + "'; this entry takes " + unknown.getKnownPropertyIds();
      } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
        what = e.getCause().getMessage();
      } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        what = "expected " + expected(mismatch.getTargetType()) + " here, found " + found(mismatch);
      } else {
        what = e.getOriginalMessage();
      }
      return new InvalidFileException(where + ": " + firstLine(what), e);
    }

    /** What a YAML author calls the shape Jackson wanted, instead of a Java type. */
    private static String expected(Class<?> type) {
      if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
        return "a list";
      } else if (type == String.class) {
        return "text";
      } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
        return "a whole number";
      } else if (type == Boolean.class || type == boolean.class) {
        return "true or false";
      }
      return "an entry of named fields";
    }

    private static String found(MismatchedInputException mismatch) {
      if (mismatch instanceof InvalidFormatException invalid) {
        return "'" + invalid.getValue() + "'";
      }
      JsonToken token = mismatch.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
      if (token == null) {
        return "something else";
      }
      return switch (token) {
        case START_OBJECT -> "an entry of named fields";
        case START_ARRAY -> "a list";
        case VALUE_NULL -> "nothing";
        case VALUE_TRUE, VALUE_FALSE -> "true or false";
        default -> "'" + text((JsonParser) mismatch.getProcessor()) + "'";
      };
    }

    private static String text(JsonParser parser) {
      try {
        return parser.getText();
      } catch (IOException unreadable) {
        return "an unreadable value";
      }
    }

    /** A Jackson reference path as {@code devices[0].apps[1]}. */
    public static String yamlPath(List<JsonMappingException.Reference> path) {
      StringBuilder out = new StringBuilder();
      for (var reference : path) {
        if (reference.getIndex() >= 0) {
          out.append('[').append(reference.getIndex()).append(']');
        } else if (reference.getFieldName() != null) {
          out.append(out.length() == 0 ? "" : ".").append(reference.getFieldName());
        }
      }
      return out.toString();
    }

    /** The first line of a Jackson message, which goes on with its own source excerpt. */
    public static String firstLine(String text) {
      int newline = text == null ? -1 : text.indexOf('\n');
      return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }
  }
}
