package dev.roster.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScimMediaTypeTest {

  @ParameterizedTest(name = "[{0}]")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "application/scim+json",
        "application/json",
        "APPLICATION/SCIM+JSON",
        "Application/Json",
        "application/scim+json; charset=utf-8",
        "application/scim+json;charset=UTF-8",
        "application/json; charset=utf-8",
        "application/json; CHARSET=Utf-8",
        "application/json; charset=\"utf-8\"",
        "application/json; charset=\"UTF-8\"",
        "application/json; charset=utf8",
        "application/json; charset=UTF8",
        "  application/json  ;  charset = utf-8  ",
        "application/json; odata=verbose",
        "application/scim+json; charset=utf-8; profile=\"https://example.com\"",
        "application/json; q",
      })
  void acceptsJsonInUtf8(String contentType) {
    assertEquals(Optional.empty(), ScimMediaType.rejectionOf(contentType));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "text/plain",
        "text/plain; charset=utf-8",
        "application/xml",
        "text/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=----x",
        "application/octet-stream",
        "application/json-patch+json",
        "application/jsonx",
        "application/json; charset=iso-8859-1",
        "application/scim+json; charset=ISO-8859-1",
        "application/json; charset=utf-16",
        "application/json; charset=\"windows-1252\"",
      })
  void rejectsOtherTypesAndCharsets(String contentType) {
    Optional<String> rejection = ScimMediaType.rejectionOf(contentType);

    assertTrue(rejection.isPresent(), "rejected: " + contentType);
    assertFalse(rejection.get().isBlank());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"text/plain", "application/xml"})
  void rejectionNamesTheTypeAndWhatToSend(String contentType) {
    String message = ScimMediaType.rejectionOf(contentType).orElseThrow();

    assertTrue(message.contains(contentType), message);
    assertTrue(message.contains("application/scim+json"), message);
    assertTrue(message.contains("application/json"), message);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"iso-8859-1", "\"utf-16\""})
  void rejectionOfCharsetNamesUtf8(String charset) {
    String message =
        ScimMediaType.rejectionOf("application/json; charset=" + charset).orElseThrow();

    assertTrue(message.contains(charset.replace("\"", "")), message);
    assertTrue(message.contains("UTF-8"), message);
  }
}
