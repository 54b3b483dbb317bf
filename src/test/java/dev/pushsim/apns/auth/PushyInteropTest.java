package dev.pushsim.apns.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.auth.AuthenticationToken;
import dev.pushsim.apns.auth.ProviderTokens.SignatureEncoding;
import dev.pushsim.clock.SimClock;
import dev.pushsim.clock.VirtualClock;
import dev.pushsim.push.Environment;
import dev.pushsim.push.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PushSim's keys and tokens against those of Pushy, a widely used Java APNs client. */
class PushyInteropTest {

  static final String TEAM = "TEAM123456";
  static final String KEY_ID = "ABC123DEFG";

  @TempDir Path dir;

  final VirtualClock clock = SimClock.virtual();
  final ProviderDirectory directory = new ProviderDirectory();

  @Test
  void pushyLoadsOurP8AndItsTokensAreAccepted() throws Exception {
    SigningKey key = SigningKey.generate(TEAM, KEY_ID);
    directory.addKey(key);
    Path file = dir.resolve("AuthKey_" + KEY_ID + ".p8");
    key.writeP8(file);

    ApnsSigningKey pushyKey = ApnsSigningKey.loadFromPkcs8File(file.toFile(), TEAM, KEY_ID);
    assertThat(pushyKey.getS()).isEqualTo(key.privateKey().orElseThrow().getS());

    AuthenticationToken pushyToken = new AuthenticationToken(pushyKey, clock.now());
    String header = pushyToken.getAuthorizationHeader().toString();
    assertThat(header).startsWith("bearer ");

    TokenAuthenticator auth = new TokenAuthenticator(directory, clock, TokenAuthPolicy.defaults());
    AuthDecision decision = auth.authenticate(header, Environment.PRODUCTION, auth.newSession());
    assertThat(decision.accepted()).as(decision.detail()).isTrue();
    assertThat(decision.teamId()).isEqualTo(TEAM);

    // Pushy signs in DER, which a strict server refuses.
    TokenAuthenticator strict =
        new TokenAuthenticator(
            directory, clock, TokenAuthPolicy.defaults().withAcceptDerSignatures(false));
    assertThat(strict.authenticate(header, Environment.PRODUCTION, strict.newSession()).reason())
        .isEqualTo(Reason.INVALID_PROVIDER_TOKEN);
  }

  @Test
  void pushyVerifiesOurDerTokens() throws Exception {
    SigningKey key = SigningKey.generate(TEAM, KEY_ID);
    String token = ProviderTokens.sign(key, clock.now(), SignatureEncoding.DER);

    AuthenticationToken parsed = new AuthenticationToken(token);

    assertThat(parsed.getKeyId()).isEqualTo(KEY_ID);
    assertThat(parsed.getTeamId()).isEqualTo(TEAM);
    assertThat(parsed.getIssuedAt()).isEqualTo(clock.now());
    assertThat(parsed.verifySignature(new ApnsVerificationKey(KEY_ID, TEAM, key.publicKey())))
        .isTrue();
  }

  @Test
  void aP8LoadedByBothSidesAgrees() throws Exception {
    Path file = dir.resolve("AuthKey.p8");
    Files.writeString(file, SigningKeyTest.OPENSSL_P8);
    SigningKey serverKey =
        SigningKey.ofPublicKey(SigningKey.fromP8(file, TEAM, KEY_ID).publicKey(), TEAM, KEY_ID);
    directory.addKey(serverKey);
    ApnsSigningKey pushyKey = ApnsSigningKey.loadFromPkcs8File(file.toFile(), TEAM, KEY_ID);

    TokenAuthenticator auth = new TokenAuthenticator(directory, clock);
    String header = new AuthenticationToken(pushyKey, clock.now()).getAuthorizationHeader().toString();

    assertThat(auth.authenticate(header, Environment.SANDBOX, auth.newSession()).accepted()).isTrue();
  }
}
