package dev.pushsim.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pushsim} command line: a fake APNs and simulated iOS devices. */
@Command(
    name = "pushsim",
    mixinStandardHelpOptions = true,
    version = "pushsim 0.1.0",
    description = "A fake Apple Push Notification service with simulated iOS devices.",
    subcommands = {ServeCommand.class, PushCommand.class, TestCommand.class, StepsCommand.class, CertCommand.class, KeyCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Examples:", "  pushsim test", "  pushsim serve", "  pushsim serve --sandbox-port 2197 --journal journal.ndjson", "  pushsim push \"Alice's iPhone\" com.example.voip call.json --type voip", "  pushsim help serve"})
public final class PushSimCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 2 bad usage, 1 failure). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with every subcommand; a failure prints one line, never a stack trace. */
  static CommandLine commandLine() {
    return new CommandLine(new PushSimCommand())
        .registerConverter(Path.class, PushSimCommand::path)
        .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
          commandLine.getErr().println("pushsim: " + exception.getMessage());
          return 1;
        });
  }

  /** A path flag's value, refused in words rather than with the JDK's exception name. */
  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a file path: " + e.getReason());
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a command: test or serve (or --help).");
  }
}
