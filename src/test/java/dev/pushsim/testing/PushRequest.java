package dev.pushsim.testing;

import dev.pushsim.push.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A notification request under construction for tests: start from a valid push, then change
 * exactly what the test is about, and send it with a real client.
 */
public final class PushRequest {

  private final TestProvider provider;
  private Environment environment;
  private String method = "POST";
  private String path;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final List<String[]> extraHeaders = new ArrayList<>();
  private String body;
  private Path certPem;
  private Path keyPem;

  PushRequest(TestProvider provider, Environment environment, String path) {
    this.provider = provider;
    this.environment = environment;
    this.path = path;
  }

  public PushRequest method(String value) {
    this.method = value;
    return this;
  }

  public PushRequest path(String value) {
    this.path = value;
    return this;
  }

  public PushRequest to(Environment value) {
    this.environment = value;
    return this;
  }

  /** Sets (or replaces) a header. */
  public PushRequest header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Adds a header even if one of that name is there: for DuplicateHeaders. */
  public PushRequest repeatHeader(String name, String value) {
    extraHeaders.add(new String[] {name, value});
    return this;
  }

  public PushRequest without(String name) {
    headers.remove(name);
    return this;
  }

  public PushRequest body(String value) {
    this.body = value;
    return this;
  }

  public PushRequest noBody() {
    this.body = null;
    return this;
  }

  /** Authenticates with a client certificate instead of a token. */
  public PushRequest certificate(Path certificatePem, Path privateKeyPem) {
    this.certPem = certificatePem;
    this.keyPem = privateKeyPem;
    return without("authorization");
  }

  /** Sends it with the curl binary. */
  public Curl.Response sendWithCurl() {
    Curl curl = provider.curl(environment, path).method(method);
    headers.forEach(curl::header);
    extraHeaders.forEach(header -> curl.header(header[0], header[1]));
    if (body != null) {
      curl.body(body);
    }
    if (certPem != null) {
      curl.clientCertificate(certPem, keyPem);
    }
    return curl.send();
  }

  /** Sends it on {@code client}'s connection, repeated headers and all. */
  public CompletableFuture<H2Client.Response> sendWith(H2Client client) {
    return client.send(method, path, headerList(), body);
  }

  /** The headers in order, repeated ones included, for {@link H2Client#send}. */
  public List<String[]> headerList() {
    List<String[]> list = new ArrayList<>();
    headers.forEach((name, value) -> list.add(new String[] {name, value}));
    list.addAll(extraHeaders);
    return list;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String body() {
    return body;
  }
}
