package dev.pushsim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/architecture.md, as rules: the vocabulary and the clock at the
 * bottom, the fake APNs and the device model side by side on top of them, the world composing the
 * two, and every other package a client.
 */
class LayeringTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.pushsim");

  /** The packages that use the simulator from outside: nothing below them may know them. */
  private static final String[] CLIENTS = {
    "dev.pushsim.admin..", "dev.pushsim.provider..", "dev.pushsim.harness..", "dev.pushsim.junit..",
    "dev.pushsim.cli..", "dev.pushsim.testcontainers.."
  };

  @Test
  void noCyclesBetweenPackages_subPackagesIncluded() {
    slices().matching("dev.pushsim.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theClockDependsOnNothingOfOurs() {
    classes().that().resideInAPackage("dev.pushsim.clock..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pushsim.clock..", "java..", "io.netty.util..")
        .check(MAIN);
  }

  @Test
  void theVocabularyDependsOnNothingOfOurs_butJava_andJackson_forPayloads() {
    classes().that().resideInAPackage("dev.pushsim.push..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pushsim.push..", "java..", "javax.crypto..", "com.fasterxml.jackson..")
        .check(MAIN);
  }

  @Test
  void theJournalUsesOnlyTheClock() {
    noClasses().that().resideInAPackage("dev.pushsim.journal..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.pushsim.push..", "dev.pushsim.apns..", "dev.pushsim.device..", "dev.pushsim.app..", "dev.pushsim.world..")
        .check(MAIN);
    noClasses().that().resideInAPackage("dev.pushsim.journal..")
        .should().dependOnClassesThat().resideInAnyPackage(CLIENTS)
        .check(MAIN);
  }

  @Test
  void apnsAndTheDeviceModelDoNotKnowEachOther() {
    noClasses().that().resideInAPackage("dev.pushsim.apns..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.pushsim.device..", "dev.pushsim.app..", "dev.pushsim.world..")
        .check(MAIN);
    noClasses().that().resideInAnyPackage("dev.pushsim.device..", "dev.pushsim.app..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.pushsim.apns..", "dev.pushsim.world..")
        .check(MAIN);
    noClasses().that().resideInAPackage("dev.pushsim.device..")
        .should().dependOnClassesThat().resideInAPackage("dev.pushsim.app..")
        .check(MAIN);
  }

  @Test
  void onlyApnsSpeaksNettysHttp2() {
    noClasses().that().resideOutsideOfPackages("dev.pushsim.apns..")
        .should().dependOnClassesThat().resideInAPackage("io.netty.handler.codec.http2..")
        .check(MAIN);
  }

  @Test
  void theModelDoesNotKnowItsClients() {
    noClasses().that().resideInAnyPackage(
            "dev.pushsim.push..", "dev.pushsim.clock..", "dev.pushsim.journal..", "dev.pushsim.apns..",
            "dev.pushsim.device..", "dev.pushsim.app..", "dev.pushsim.world..")
        .should().dependOnClassesThat().resideInAnyPackage(CLIENTS)
        .check(MAIN);
  }
}
