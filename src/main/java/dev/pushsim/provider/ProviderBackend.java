package dev.pushsim.provider;

import dev.pushsim.app.TokenRegistration;
import dev.pushsim.app.VendorBackend;
import java.util.Objects;

/**
 * The calling SDK's backend as a provider under test: the app's token registrations go to the
 * provider's register and unregister operations, whatever API the adapter speaks.
 */
public final class ProviderBackend implements VendorBackend {

  private final ProviderUnderTest provider;

  public ProviderBackend(ProviderUnderTest provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  @Override
  public Outcome register(TokenRegistration registration) {
    return call(() -> provider.registerToken(registration));
  }

  @Override
  public Outcome unregister(String userId, String token) {
    return call(() -> provider.unregisterToken(userId, token));
  }

  private Outcome call(Runnable operation) {
    try {
      operation.run();
      return Outcome.accepted(provider.toString(), null);
    } catch (ProviderFailure e) {
      return Outcome.refused(provider.toString(), null, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "backend " + provider;
  }
}
