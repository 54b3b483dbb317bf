package dev.pushsim.provider;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text from a provider file with placeholders such as {@code {token}}: a name in braces. Other
 * braces are left alone, so JSON bodies need no escaping ({@code {"token":"{token}"}}).
 */
final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final String text;

  private Template(String text) {
    this.text = text;
  }

  /**
   * A template that may name only {@code offered} placeholders.
   *
   * @param where what the text is ("path", "body", "argument"), for the message
   * @throws IllegalArgumentException naming the unknown placeholder and the ones on offer
   */
  static Template parse(String text, Set<String> offered, String where) {
    if (text == null) {
      throw new IllegalArgumentException("a " + where + " is missing");
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!offered.contains(matcher.group(1))) {
        throw new IllegalArgumentException("unknown placeholder " + matcher.group() + " in " + where + " '" + text
            + "'; this operation offers "
            + String.join(", ", new TreeSet<>(offered).stream().map(name -> "{" + name + "}").toList()));
      }
    }
    return new Template(text);
  }

  /** The text with every placeholder replaced by its value passed through {@code escape}; null values become "". */
  String fill(Map<String, String> values, UnaryOperator<String> escape) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value == null ? "" : value)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
