package dev.pushsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import picocli.CommandLine;

/**
 * Command lines put together at random from the real commands, flags and values of every kind: each
 * parses, or fails with exit code 2 and one line that names the flag or value at fault. Nothing is
 * started: a parsed {@code serve} only checks its values.
 */
class CommandLinePropertiesTest {

  @Property(tries = 400)
  void anyCommandLine_parsesOrNamesTheFlagOrValueAtFault(@ForAll("commandLines") List<String> args) {
    StringWriter errors = new StringWriter();
    CommandLine command = PushSimCommand.commandLine()
        .setErr(new PrintWriter(errors, true))
        .setOut(new PrintWriter(new StringWriter(), true))
        .setExecutionStrategy(CommandLinePropertiesTest::checkWithoutRunning);

    int exit = command.execute(args.toArray(String[]::new));

    String printed = errors.toString();
    assertThat(exit).as("exit code for %s; printed %s", args, printed).isIn(0, 2);
    assertThat(printed).as("no stack trace for %s", args).doesNotContain("Exception").doesNotContain("\tat ");
    if (exit == 2) {
      assertThat(printed.lines().findFirst().orElse(""))
          .as("the first line for %s", args)
          .containsPattern("'[^']*'|--[a-z-]+|Name a command");
    }
  }

  /** Parses and checks values as each command would, without serving or writing anything. */
  private static int checkWithoutRunning(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    if (last.isUsageHelpRequested() || last.isVersionHelpRequested() || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
      return 0;
    }
    Object command = last.commandSpec().userObject();
    if (command instanceof PushSimCommand root) {
      root.run(); // without a subcommand: the usage error
    } else if (command instanceof ServeCommand serve) {
      serve.validate();
    }
    return 0;
  }

  @Provide
  Arbitrary<List<String>> commandLines() {
    Arbitrary<String> command = Arbitraries.of("serve", "test", "steps", "cert", "key", "help", "bench", "", "--help", "--version", "SERVE");
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("--world", "--host", "--sandbox-port", "--production-port", "--plaintext", "--data-dir", "--journal",
            "--tags", "--report-dir", "--write", "--bundle-id", "--kind", "--out", "--password", "--team-id", "--key-id", "--out-dir",
            "--help", "-h", "-V", "--colour", "-x", "--", "--sandbox-port=", "--plaintext=yes"),
        Arbitraries.of("0", "2197", "65535", "65536", "-1", "99999999999", "many", "", " ", "1e3", "0x10", "true",
            "development", "voip-services", "fax", "TEAM123456", "team-1", "ABC123DEFG", "@pushkit and not", "com.example.voip"),
        Arbitraries.strings().ofMaxLength(12));
    return Arbitraries.lazy(() -> command.flatMap(first -> token.list().ofMaxSize(6).map(rest -> {
      List<String> args = new ArrayList<>();
      if (!first.isEmpty()) {
        args.add(first);
      }
      args.addAll(rest);
      return args;
    })));
  }
}
