package dev.pushsim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pushsim.testing.AdminClient;
import dev.pushsim.testing.Tools;
import dev.pushsim.world.Simulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page from another loopback origin, in headless Chromium, tries what a CSRF page would (a
 * text/plain fetch, a JSON fetch, a form POST) and changes nothing; the dashboard's own origin can.
 */
class CrossOriginBrowserTest {

  @TempDir static Path dir;
  static Simulator sim;
  static AdminServer admin;
  static AdminClient api;
  static HttpServer evil;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws IOException {
    Tools.require(Files.isExecutable(DashboardBrowserTest.CHROMIUM) && Files.isExecutable(DashboardBrowserTest.CHROMEDRIVER),
        "chromium and chromium-driver are not installed (.ci/run installs them)");
    sim = Simulator.builder().build().start();
    sim.addDevice("Alice's iPhone", "17.5");
    admin = AdminServer.builder(sim).build().start();
    api = AdminClient.at(admin.url());
    evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    byte[] page = attackPage(admin.url()).getBytes(StandardCharsets.UTF_8);
    evil.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    evil.start();

    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DashboardBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(DashboardBrowserTest.CHROMIUM.toFile()).addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (evil != null) {
      evil.stop(0);
    }
    if (admin != null) {
      admin.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aPageFromAnotherOrigin_changesNothing() {
    String faults = api.get("/admin/faults").body();
    String devices = api.get("/admin/devices").body();

    browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
    wait.until(driver -> driver.getTitle().startsWith("fetched"));
    // The JSON fetch needs a CORS preflight, which the admin API does not grant, so Chromium never sends it.
    assertThat(browser.getTitle()).isEqualTo("fetched text/plain sent, application/json blocked");
    browser.executeScript("document.getElementById('plant').submit()");
    wait.until(driver -> driver.getCurrentUrl().startsWith(admin.url()));

    // The form reached the server and was refused there, so the check, not the browser, stopped it.
    assertThat(browser.getPageSource()).contains("is refused");
    assertThat(api.get("/admin/faults").body()).isEqualTo(faults);
    assertThat(api.get("/admin/devices").body()).isEqualTo(devices);
    assertThat(sim.faults().describe()).isEmpty();
  }

  @Test
  void theDashboardsOwnOrigin_changesState() {
    browser.get(admin.url() + "/");
    Object status = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/admin/devices', {method: 'POST', headers: {'Content-Type': 'application/json'},"
        + " body: JSON.stringify({name: \"Dana's iPhone\"})}).then(r => done(r.status), e => done(String(e)));");

    assertThat(status).isEqualTo(201L);
    assertThat(sim.devices()).extracting(device -> device.name()).contains("Dana's iPhone");
  }

  private static String attackPage(String adminUrl) {
    String fault = "'{\"respondWith\":\"ServiceUnavailable\",\"times\":3}'";
    return "<!doctype html><title>loading</title>"
        + "<form id=plant method=POST enctype=text/plain action='" + adminUrl + "/admin/devices'>"
        + "<input name='{\"name\":\"Eve\",\"x\":\"' value='\"}'></form><script>"
        + "async function send(type, mode) {"
        + "  try { await fetch('" + adminUrl + "/admin/faults', {method: 'POST', mode, headers: {'Content-Type': type},"
        + "    body: " + fault + "}); return type + ' sent'; } catch (e) { return type + ' blocked'; } }"
        + "(async () => { const a = await send('text/plain', 'no-cors'); const b = await send('application/json', 'cors');"
        + "  document.title = 'fetched ' + a + ', ' + b; })();</script>";
  }
}
