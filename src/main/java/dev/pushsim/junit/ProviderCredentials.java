package dev.pushsim.junit;

import java.nio.file.Path;

/**
 * What a provider under test needs to reach the simulator with token auth, as files like Apple's: the CA to
 * trust (PEM file and text) and the team's signing key ({@code AuthKey_<keyId>.p8}) for {@code bundleId}.
 */
public record ProviderCredentials(String teamId, String keyId, String bundleId, Path caFile, String caPem,
    Path p8File) {}
