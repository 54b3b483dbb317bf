package dev.pushsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pushsim test}: runs feature files with PushSim's step library and writes the reports. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Cucumber features against fresh simulators on virtual time, with PushSim's step library.",
      "Writes an HTML report, Cucumber JSON and JUnit XML; exits non-zero when a scenario fails."
    },
    footer = {"", "Examples:", "  pushsim test                                 # the bundled features/",
        "  pushsim test features/pushkit                 # one feature set",
        "  pushsim test --tags 'not @slow' my.feature    # your own feature, filtered by tags"})
final class TestCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", description = "Feature files or directories (default: ${DEFAULT-VALUE}).", defaultValue = "features")
  List<Path> paths;

  @Option(names = "--tags", paramLabel = "EXPR", description = "Only scenarios matching this tag expression, e.g. '@pushkit and not @wip'.")
  String tags;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
  Path reportDir = Path.of("target", "pushsim-report");

  @Override
  public Integer call() throws Exception {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        System.err.println("pushsim test: no feature file or directory at " + path.toAbsolutePath());
        return 2;
      }
    }
    Files.createDirectories(reportDir);
    List<String> args = new ArrayList<>(List.of(
        "--glue", "dev.pushsim.harness",
        "--plugin", "summary",
        "--plugin", "progress",
        "--plugin", "html:" + reportDir.resolve("report.html"),
        "--plugin", "json:" + reportDir.resolve("report.json"),
        "--plugin", "junit:" + reportDir.resolve("junit.xml")));
    if (tags != null) {
      args.add("--tags");
      args.add(tags);
    }
    paths.forEach(path -> args.add(path.toString()));
    byte status = io.cucumber.core.cli.Main.run(args.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
    System.out.println();
    System.out.println("Report: " + reportDir.resolve("report.html").toAbsolutePath());
    System.out.println("        " + reportDir.resolve("junit.xml").toAbsolutePath() + " (JUnit XML), report.json (Cucumber JSON)");
    return (int) status;
  }
}
