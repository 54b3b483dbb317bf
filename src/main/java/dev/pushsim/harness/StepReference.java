package dev.pushsim.harness;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The step reference ({@code features/STEPS.md}), generated from the step definitions themselves
 * so that it cannot go stale: a test fails when the committed file differs.
 */
public final class StepReference {

  /** The step classes, in the order a scenario uses them, with their section titles. */
  private static final List<Section> SECTIONS = List.of(
      new Section("Setting the scene", WorldSteps.class),
      new Section("Sending pushes, and what APNs answers", PushSteps.class),
      new Section("The provider under test and the app's calling SDK", ProviderSteps.class),
      new Section("The user, time, and what the phone shows", PhoneSteps.class));

  private StepReference() {}

  /** The whole reference as Markdown. */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# PushSim step reference\n\n")
        .append("Generated from the step definitions in `dev.pushsim.harness` by `./pushsim steps`;\n")
        .append("`mvn verify` fails when this file is stale. Any keyword (Given/When/Then/And) works with any step.\n\n")
        .append("Parameter types:\n\n")
        .append("| type | matches | example |\n|---|---|---|\n")
        .append("| `{duration}` | a number and ms, seconds, minutes, hours or days | `7 seconds`, `61 minutes` |\n")
        .append("| `{environment}` | development (or sandbox), production | `production` |\n")
        .append("| `{answer}` | an APNs status, with Apple's reason | `\"200\"`, `\"410 Unregistered\"` |\n")
        .append("| `{string}` | text in double quotes | `\"Bob's iPhone\"` |\n")
        .append("| `{count}`, `{word}` | a whole number; one word | `3`, `answered` |\n\n")
        .append("In a table of changes (`... with:`), a row is `| field | value |`: a header name, `:path`, `:method` or `body`;\n")
        .append("the value `(none)` removes the field, and `bearer signed 61 minutes ago` makes a valid but old provider token.\n");
    for (Section section : SECTIONS) {
      out.append("\n## ").append(section.title()).append("\n\n");
      Arrays.stream(section.steps().getDeclaredMethods())
          .filter(method -> expression(method) != null)
          .sorted(Comparator.comparing((Method method) -> List.of("Given", "When", "Then").indexOf(keyword(method)))
              .thenComparing(StepReference::expression))
          .forEach(method -> out.append("- ").append(keyword(method)).append(" ").append(expression(method).replace("|", "\\|")).append('\n'));
    }
    return out.toString();
  }

  /** Every step as keyword and Cucumber expression, e.g. {@code Given a device {string} with the app installed}. */
  public static List<String> steps() {
    return SECTIONS.stream()
        .flatMap(section -> Arrays.stream(section.steps().getDeclaredMethods()))
        .filter(method -> expression(method) != null)
        .map(method -> keyword(method) + " " + expression(method))
        .sorted()
        .toList();
  }

  private static String keyword(Method method) {
    if (method.isAnnotationPresent(Given.class)) {
      return "Given";
    }
    return method.isAnnotationPresent(When.class) ? "When" : "Then";
  }

  private static String expression(Method method) {
    Given given = method.getAnnotation(Given.class);
    if (given != null) {
      return given.value();
    }
    When when = method.getAnnotation(When.class);
    if (when != null) {
      return when.value();
    }
    Then then = method.getAnnotation(Then.class);
    return then == null ? null : then.value();
  }

  private record Section(String title, Class<?> steps) {}
}
