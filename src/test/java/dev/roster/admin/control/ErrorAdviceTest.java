package dev.roster.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of error Roster answers has advice for Entra ID and for Okta. */
class ErrorAdviceTest {

  @ParameterizedTest(name = "{0} {1} → {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "409 | uniqueness | Another user of this tenant already has this userName | User | uniqueness | Match objects",
        "409 | uniqueness | taken | Group | uniqueness | displayName",
        "400 | invalidFilter | bad filter | User | invalidFilter | matching attribute",
        "400 | invalidValue | wrong type | User | invalidValue | Attribute mapping",
        "400 | mutability | read-only | User | mutability | read-only",
        "400 | noTarget | no match | User | noTarget | work email",
        "400 | invalidPath | bad path | User | invalidPath | Custom attributes",
        "400 | invalidSyntax | not JSON | User | invalidSyntax | copy it as curl",
        "401 | - | The bearer token has been revoked. | - | unauthorized | Secret Token",
        "401 | - | The bearer token is not valid. The token began with rst_abcdefgh | - | unauthorized | Secret Token",
        "404 | - | no such user | User | notFound | Restart provisioning",
        "412 | - | version | User | preconditionFailed | ETags",
        "413 | tooLarge | too large | Group | tooLarge | max-payload-bytes",
        "415 | - | media type | User | mediaType | JSON",
        "429 | - | slow down | User | tooMany | Retry-After",
        "503 | - | busy | User | unavailable | 40 minutes",
        "500 | - | incident 1234 | User | serverError | incident reference",
      })
  void eachErrorKindSaysWhyAndWhatToChange(
      int status, String scimType, String detail, String type, String kind, String entraSays) {
    ErrorAdvice advice = ErrorAdvice.of(status, scimType, detail, type);

    assertEquals(kind, advice.kind());
    assertFalse(advice.why().isBlank());
    assertFalse(advice.okta().isBlank());
    assertTrue(
        (advice.title() + advice.why() + advice.entra()).contains(entraSays), advice.toString());
  }

  @org.junit.jupiter.api.Test
  void aSuccessNeedsNoAdviceAndA401SaysWhichTokenProblem() {
    assertNull(ErrorAdvice.of(200, null, null, "User"));
    assertTrue(
        ErrorAdvice.of(401, null, "The bearer token has expired.", null).why().contains("expired"));
    assertTrue(
        ErrorAdvice.of(401, null, "The tenant of this bearer token is disabled.", null)
            .why()
            .contains("disabled"));
    assertTrue(
        ErrorAdvice.of(401, null, "A bearer token is required: send it", null)
            .why()
            .contains("no bearer token"));
  }
}
