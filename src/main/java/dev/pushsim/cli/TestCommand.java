package dev.pushsim.cli;

import dev.pushsim.harness.DidYouMean;
import dev.pushsim.harness.NotRun;
import dev.pushsim.harness.ProviderSelection;
import dev.pushsim.provider.ProviderFailure;
import dev.pushsim.provider.ProviderFile;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
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
    footer = {"", "Examples:", "  pushsim test                                 # ./features, else the bundled ones in the jar",
        "  pushsim test classpath:dev/pushsim/features/pushkit   # one bundled feature set",
        "  pushsim test --glue com.acme.steps --classpath target/test-classes my.feature   # with your own steps",
        "  pushsim test features/pushkit                 # one feature set",
        "  pushsim test --tags 'not @slow' my.feature    # your own feature, filtered by tags",
        "  pushsim test --provider provider.yaml --prepare   # mint the CA and keys your provider needs",
        "  pushsim test --provider provider.yaml features/provider features/client   # then test it"})
final class TestCommand implements Callable<Integer> {

  /** Where the bundled features live inside the jar. */
  static final String BUNDLED_FEATURES = "classpath:dev/pushsim/features";

  @Parameters(paramLabel = "PATH", arity = "0..*", description = {
      "Feature files or directories (a file may end in :LINE for one scenario) or classpath:PACKAGE/PATH.",
      "Default: ./features when there is one, else the features bundled in the jar (" + BUNDLED_FEATURES + ")."})
  List<String> paths = new ArrayList<>();

  @Option(names = "--glue", paramLabel = "PACKAGE", description = {
      "Also look for step definitions and hooks in this package (repeatable), next to PushSim's own.",
      "Your steps get the scenario through the constructor: public MySteps(dev.pushsim.harness.PushSimScenario s)."})
  List<String> glue = new ArrayList<>();

  @Option(names = "--classpath", paramLabel = "PATH", split = "${sys:path.separator}", description = {
      "Jars or class directories holding the --glue classes (and classpath: features), separated by '"
          + "${sys:path.separator}' or given repeatedly."})
  List<Path> classpath = new ArrayList<>();

  @Option(names = "--provider", paramLabel = "FILE", description = {
      "Drive your own push provider through the adapter this file describes, instead of the bundled",
      "reference provider (see the README, \"Testing your own provider\"). Scenarios the adapter cannot",
      "express, or that need a capability it does not declare, are not run; the console lists them with the reason."})
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

  /** The features to run: the ones named, else ./features, else the bundled ones. */
  private List<String> features() {
    if (!paths.isEmpty()) {
      return paths;
    }
    return Files.isDirectory(Path.of("features")) ? List.of("features") : List.of(BUNDLED_FEATURES);
  }

  private int run() throws Exception {
    List<String> features = features();
    for (String path : features) {
      if (!path.startsWith("classpath:") && !Files.exists(Path.of(withoutLines(path)))) {
        System.err.println("pushsim test: no feature file or directory at " + Path.of(path).toAbsolutePath()
            + " (the bundled features are at " + BUNDLED_FEATURES + ")");
        return 2;
      }
    }
    for (Path entry : classpath) {
      if (!Files.exists(entry)) {
        System.err.println("pushsim test: --classpath entry " + entry.toAbsolutePath() + " does not exist");
        return 2;
      }
    }
    Files.createDirectories(reportDir);
    List<String> args = new ArrayList<>(List.of(
        "--glue", "dev.pushsim.harness",
        "--plugin", DidYouMean.class.getName(),
        "--plugin", NotRun.class.getName(),
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
    glue.forEach(pkg -> args.addAll(List.of("--glue", pkg)));
    args.addAll(features);
    byte status;
    try (URLClassLoader loader = new URLClassLoader(urls(), Thread.currentThread().getContextClassLoader())) {
      status = io.cucumber.core.cli.Main.run(args.toArray(String[]::new), loader);
    }
    System.out.println();
    System.out.println("Report: " + reportDir.resolve("report.html").toAbsolutePath());
    System.out.println("        " + reportDir.resolve("junit.xml").toAbsolutePath() + " (JUnit XML), report.json (Cucumber JSON)");
    return (int) status;
  }

  private URL[] urls() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (Path entry : classpath) {
      urls.add(entry.toAbsolutePath().toUri().toURL());
    }
    return urls.toArray(URL[]::new);
  }
}
