package dev.pushsim.cli;

import dev.pushsim.harness.StepReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pushsim steps}: prints (or writes) the step reference for feature writers. */
@Command(
    name = "steps",
    mixinStandardHelpOptions = true,
    description = "Prints every step the feature files can use, generated from the step definitions.",
    footer = {"", "Examples:", "  pushsim steps", "  pushsim steps --write features/STEPS.md"})
final class StepsCommand implements Callable<Integer> {

  @Option(names = "--write", paramLabel = "FILE", description = "Write the reference to FILE instead of printing it.")
  Path file;

  @Override
  public Integer call() throws Exception {
    String reference = StepReference.markdown();
    if (file == null) {
      System.out.print(reference);
    } else {
      Files.writeString(file, reference);
      System.out.println("Wrote " + file.toAbsolutePath());
    }
    return 0;
  }
}
