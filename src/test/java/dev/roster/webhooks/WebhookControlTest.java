package dev.roster.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import dev.roster.webhooks.control.Backoff;
import dev.roster.webhooks.control.EventTypes;
import dev.roster.webhooks.control.SecretSeal;
import dev.roster.webhooks.control.WebhookSignature;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-Java parts of webhooks: signing, backoff, event type patterns, sealed secrets. */
class WebhookControlTest {

  // The example of the Standard Webhooks specification
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330;
  static final String BODY = "{\"test\": 2432232314}";

  @Test
  void signsAsTheSpecificationsExampleAndItsLibrary() throws Exception {
    String signature = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
    assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    assertEquals(new Webhook(SECRET).sign(ID, TIMESTAMP, BODY), signature);
  }

  @Test
  void newSecretsAreUsableByTheLibraryAndDifferent() throws Exception {
    String secret = WebhookSignature.newSecret();
    assertTrue(secret.startsWith("whsec_"));
    assertNotEquals(secret, WebhookSignature.newSecret());
    long now = System.currentTimeMillis() / 1000;
    new Webhook(secret)
        .verify(
            BODY,
            Map.of(
                "webhook-id", List.of(ID),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(WebhookSignature.sign(secret, ID, now, BODY))));
  }

  @Test
  void backoffDoublesWithJitterUpToItsMaximum() {
    Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1));
    Random random = new Random(42);
    for (int failures = 1; failures <= 30; failures++) {
      long full = Math.min(3_600_000L, 5_000L << Math.min(failures - 1, 30));
      for (int i = 0; i < 50; i++) {
        long delay = backoff.after(failures, random).toMillis();
        assertTrue(delay >= full / 2 && delay <= full, failures + ": " + delay);
      }
    }
    assertEquals(
        Duration.ZERO, new Backoff(Duration.ZERO, Duration.ZERO).after(3, random).withNanos(0));
  }

  @Test
  void eventTypePatternsMatchFamiliesAndExactTypes() {
    EventTypes types = EventTypes.of(List.of("user.*", "department.member_added"));
    assertTrue(types.wants("user.created"));
    assertTrue(types.wants("user.deactivated"));
    assertTrue(types.wants("department.member_added"));
    assertFalse(types.wants("department.member_removed"));
    assertFalse(types.wants("users.created"));
    assertFalse(types.wants("group.created"));
    assertTrue(EventTypes.ALL.wants("departments.source_changed"));
    assertEquals(types, EventTypes.stored(types.stored()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "user", "user.", "User.created", "user.created,group.*", "*.*", " *"})
  void otherPatternsAreRefused(String pattern) {
    assertThrows(IllegalArgumentException.class, () -> EventTypes.of(List.of(pattern)));
  }

  @Test
  void secretsAreSealedWithAKeyAndOpenOnlyWithIt() {
    SecretSeal sealed = new SecretSeal("a passphrase of the operator");
    String stored = sealed.seal(SECRET);
    assertTrue(stored.startsWith("gcm:"), stored);
    assertFalse(stored.contains("MfKQ9r8"));
    assertNotEquals(stored, sealed.seal(SECRET), "a fresh nonce each time");
    assertEquals(SECRET, sealed.open(stored));
    assertThrows(IllegalStateException.class, () -> new SecretSeal("another").open(stored));
    assertThrows(IllegalStateException.class, () -> new SecretSeal(" ").open(stored));

    SecretSeal none = new SecretSeal(null);
    assertFalse(none.encrypts());
    assertEquals("plain:" + SECRET, none.seal(SECRET));
    assertEquals(SECRET, sealed.open(none.seal(SECRET)), "plain secrets stay readable");
  }
}
