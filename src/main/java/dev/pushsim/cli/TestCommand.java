package dev.pushsim.cli;

import dev.pushsim.harness.ProviderSelection;
import dev.pushsim.provider.ProviderFailure;
import dev.pushsim.provider.ProviderFile;
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
        "  pushsim test --tags 'not @slow' my.feature    # your own feature, filtered by tags",
        "  pushsim test --provider provider.yaml --prepare   # mint the CA and keys your provider needs",
        "  pushsim test --provider provider.yaml features/provider features/client   # then test it"})
final class TestCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PATH", description = "Feature files or directories, a file may end in :LINE for one scenario (default: ${DEFAULT-VALUE}).", defaultValue = "features")
  List<Path> paths;

  @Option(names = "--provider", paramLabel = "FILE", description = {
      "Drive your own push provider through the adapter this file describes, instead of the bundled",
      "reference provider (see the README, \"Testing your own provider\"). Scenarios the adapter cannot",
      "express are skipped with the reason."})
  Path providerFile;

  @Option(names = "--prepare", description = {
      "With --provider: only write what your provider must be configured with into the provider file's",
      "data directory (the CA to trust, the team's .p8 key, the app's .p12 certificates), print it, and exit."})
  boolean prepareOnly;

  @Option(names = "--tags", paramLabel = "EXPR", description = "Only scenarios matching this tag expression, e.g. '@pushkit and not @wip'.")
  String tags;

  @Option(names = "--name", paramLabel = "REGEX", description = "Only scenarios whose name matches this regular expression.")
  String name;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
  Path reportDir = Path.of("target", "pushsim-report");

  @Override
  public Integer call() throws Exception {
    if (providerFile != null) {
      try {
        ProviderSelection.use(ProviderFile.read(providerFile));
      } catch (RuntimeException e) {
        System.err.println("pushsim test: " + e.getMessage());
        return 2;
      }
      System.out.println("Provider under test: " + ProviderSelection.describe());
    } else if (prepareOnly) {
      System.err.println("pushsim test: --prepare needs --provider FILE");
      return 2;
    }
    try {
      if (prepareOnly) {
        return 0;
      }
      String started;
      try {
        started = ProviderSelection.start();
      } catch (ProviderFailure e) {
        System.err.println("pushsim test: " + e.getMessage());
        return 2;
      }
      if (started != null) {
        System.out.println(started);
      }
      return run();
    } finally {
      ProviderSelection.useReference();
    }
  }

  /** {@code features/x.feature:12:30} names scenarios by line, as Cucumber allows: the file is what must exist. */
  private static String withoutLines(String path) {
    return path.replaceFirst("(:\\d+)+$", "");
  }

  private int run() throws Exception {
    for (Path path : paths) {
      if (!Files.exists(Path.of(withoutLines(path.toString())))) {
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
    if (System.console() == null) {
      args.add("--monochrome");
    }
    if (tags != null) {
      args.add("--tags");
      args.add(tags);
    }
    if (name != null) {
      args.add("--name");
      args.add(name);
    }
    paths.forEach(path -> args.add(path.toString()));
    byte status = io.cucumber.core.cli.Main.run(args.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
    System.out.println();
    System.out.println("Report: " + reportDir.resolve("report.html").toAbsolutePath());
    System.out.println("        " + reportDir.resolve("junit.xml").toAbsolutePath() + " (JUnit XML), report.json (Cucumber JSON)");
    return (int) status;
  }
}
