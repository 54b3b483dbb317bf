package dev.pushsim.junit;

/** Where the simulator's two fake APNs listen, as a provider under test is configured with them. */
public record ApnsEndpoints(String host, int sandboxPort, int productionPort) {

  /** {@code https://localhost:port} of the sandbox (development) APNs. */
  public String sandboxUrl() {
    return "https://" + host + ":" + sandboxPort;
  }

  public String productionUrl() {
    return "https://" + host + ":" + productionPort;
  }
}
