package dev.pushsim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushsim.device.AppBehaviour;
import dev.pushsim.device.AppSpec;
import dev.pushsim.device.Device;
import dev.pushsim.device.InstalledApp;
import dev.pushsim.testing.Curl;
import dev.pushsim.testing.TestProvider;
import dev.pushsim.testing.Tools;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless browser (Debian's chromium and chromedriver): it loads, a VoIP
 * push sent with curl over TLS and HTTP/2 rings the phone with the caller's name, a push's timeline
 * opens as a sequence diagram, and an app that reports too late shows why it was killed. Screenshots
 * go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir static Path dir;
  static Simulator sim;
  static TestProvider provider;
  static AdminServer admin;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws IOException {
    Tools.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "chromium and chromium-driver are not installed (.ci/run installs them)");
    Tools.require(Curl.available(), "curl is not installed");
    sim = Simulator.builder().build().start();
    provider = TestProvider.in(sim, dir);
    sim.addDevice("Alice's iPhone", "17.5").install(AppSpec.voipApp(TestProvider.BUNDLE_ID));
    sim.addDevice("Bob's iPhone", "18.1").install(AppSpec.voipApp(TestProvider.BUNDLE_ID).withBehaviour(AppBehaviour.reportAfter(Duration.ofSeconds(8))));
    admin = AdminServer.builder(sim).build().start();

    // The driver and the browser are given explicitly: Selenium Manager must not look for them online.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1100",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
    browser.get(admin.url() + "/");
    wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (admin != null) {
      admin.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static WebElement phone(String name) {
    return browser.findElement(By.cssSelector(".phone[data-device=\"" + name + "\"]"));
  }

  /** Saves what the browser shows, with {@code subject} scrolled into view. */
  private static void screenshot(String name, WebElement subject) throws IOException {
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'})", subject);
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static Curl.Response ring(String device, String caller) {
    InstalledApp app = sim.device(device).app(TestProvider.BUNDLE_ID).orElseThrow();
    return provider.voip(app.voipToken()).body("{\"aps\":{},\"caller\":\"" + caller + "\"}").sendWithCurl();
  }

  @Test
  void thePageLoads_withAPhonePerDevice_andAnAlertSentWithCurlShowsAsABanner() throws IOException {
    assertThat(browser.getTitle()).isEqualTo("PushSim dashboard");
    assertThat(browser.findElements(By.cssSelector(".phone"))).extracting(phone -> phone.getAttribute("data-device"))
        .contains("Alice's iPhone", "Bob's iPhone");
    assertThat(phone("Alice's iPhone").findElement(By.cssSelector(".app .bundle")).getText()).isEqualTo(TestProvider.BUNDLE_ID);
    assertThat(browser.findElement(By.id("clock")).getText()).endsWith("(virtual clock)");

    InstalledApp carols = sim.addDevice("Carol's iPhone", "17.5").install(AppSpec.voipApp(TestProvider.BUNDLE_ID));
    assertThat(provider.alert(carols.apnsToken()).body("{\"aps\":{\"alert\":{\"title\":\"Dave\",\"body\":\"Call me back\"}}}")
        .sendWithCurl().status()).isEqualTo(200);

    By banner = By.cssSelector(".phone[data-device=\"Carol's iPhone\"] .banner-text");
    wait.until(ExpectedConditions.textToBe(banner, "Dave: Call me back"));
    screenshot("01-dashboard-banner", phone("Carol's iPhone"));
  }

  @Test
  void aVoipPushSentWithCurl_ringsThePhoneWithTheCallersName_andItsTimelineOpens() throws IOException {
    Curl.Response answer = ring("Alice's iPhone", "Bob");
    assertThat(answer.status()).isEqualTo(200);

    WebElement incoming = phone("Alice's iPhone").findElement(By.cssSelector(".incoming-call"));
    wait.until(ExpectedConditions.visibilityOf(incoming));
    assertThat(incoming.findElement(By.cssSelector(".caller")).getText()).isEqualTo("Bob");
    assertThat(incoming.findElement(By.cssSelector(".call-app")).getText()).isEqualTo(TestProvider.BUNDLE_ID);
    screenshot("02-incoming-call", phone("Alice's iPhone"));

    By request = By.cssSelector("#journal tr[data-apns-id=\"" + answer.apnsId().toUpperCase() + "\"]");
    wait.until(ExpectedConditions.presenceOfElementLocated(request));
    browser.findElements(request).get(0).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#timeline svg")));
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("voip → 200", "didReceiveIncomingPush", "ringing: Bob");
    screenshot("03-timeline", browser.findElement(By.id("timeline-panel")));

    phone("Alice's iPhone").findElement(By.cssSelector(".answer")).click();
    wait.until(ExpectedConditions.invisibilityOf(incoming));
    assertThat(sim.device("Alice's iPhone").callKit().calls()).last().extracting(call -> call.state().name()).isEqualTo("ANSWERED");
  }

  @Test
  void anAppThatReportsTooLate_showsTheCrashWhenTheClockIsAdvancedFromTheDashboard() throws IOException {
    assertThat(ring("Bob's iPhone", "Alice").status()).isEqualTo(200);
    Device bob = sim.device("Bob's iPhone");

    browser.findElement(By.cssSelector("[data-advance=\"7s\"]")).click();

    By crash = By.cssSelector(".phone[data-device=\"Bob's iPhone\"] .app .crash");
    wait.until(ExpectedConditions.visibilityOfElementLocated(crash));
    assertThat(browser.findElement(crash).getText()).isEqualTo("Terminated: failed to post an incoming call in time (7000 ms) (0xbaadca11)");
    assertThat(phone("Bob's iPhone").findElement(By.cssSelector(".state")).getText()).isEqualTo("terminated by system");
    assertThat(phone("Bob's iPhone").findElement(By.cssSelector(".badge.strikes")).getText()).isEqualTo("1 strike");
    assertThat(phone("Bob's iPhone").findElement(By.cssSelector(".incoming-call")).isDisplayed()).isFalse();
    assertThat(bob.app(TestProvider.BUNDLE_ID).orElseThrow().lastTerminationException()).isEqualTo("0xbaadca11");
    screenshot("04-late-report-crash", phone("Bob's iPhone"));

    for (int strike = 2; strike <= sim.deviceRules().strikeLimit(); strike++) {
      ring("Bob's iPhone", "Alice");
      browser.findElement(By.cssSelector("[data-advance=\"7s\"]")).click();
      wait.until(ExpectedConditions.textToBe(By.cssSelector(".phone[data-device=\"Bob's iPhone\"] .badge.strikes"), strike + " strikes"));
    }
    assertThat(phone("Bob's iPhone").findElement(By.cssSelector(".badge.throttled")).getText()).isEqualTo("VoIP throttled");
    screenshot("05-voip-throttled", phone("Bob's iPhone"));
  }
}
