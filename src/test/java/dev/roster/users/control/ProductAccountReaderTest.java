package dev.roster.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.scim.ScimException;
import dev.roster.users.control.ProductAccountReader.Item;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductAccountReaderTest {

  private static List<Item> csv(String text) {
    List<Item> items = new ArrayList<>();
    ProductAccountReader.csv(new StringReader(text)).forEachRemaining(items::add);
    return items;
  }

  private static List<Item> json(String text) {
    List<Item> items = new ArrayList<>();
    ProductAccountReader.json(new StringReader(text)).forEachRemaining(items::add);
    return items;
  }

  @Test
  void csvColumnsAreNamedByTheHeaderInAnyOrderAndCase() {
    List<Item> items =
        csv(
            "\uFEFFEmail,ACCOUNTID,givenname,otherEmails\r\n"
                + "nancy@northwind.example,4711,Nancy,n.davolio@northwind.example; nd@northwind.example\r\n"
                + "\r\n"
                + "\"andrew@northwind.example\",4712,\"Andrew \"\"Andy\"\"\",\n");
    assertEquals(2, items.size());
    ProductAccount nancy = items.get(0).account();
    assertEquals(2, nancy.position(), "line numbers count the header");
    assertEquals("4711", nancy.accountId());
    assertEquals("nancy@northwind.example", nancy.email());
    assertEquals(
        List.of("n.davolio@northwind.example", "nd@northwind.example"), nancy.otherEmails());
    assertEquals("Andrew \"Andy\"", items.get(1).account().givenName());
    assertEquals(4, items.get(1).position(), "the empty line is skipped, not renumbered");
  }

  @Test
  void aQuotedCellMayHoldCommasAndLineBreaks() {
    List<Item> items =
        csv(
            "accountId,userName,displayName\n1,a@x.example,\"Davolio, Nancy\nSales\"\n2,b@x.example,B\n");
    assertEquals("Davolio, Nancy\nSales", items.get(0).account().displayName());
    assertEquals(4, items.get(1).position(), "the second record starts on line 4");
  }

  @Test
  void anAccountWithAProblemComesWithItAndTheRestGoesOn() {
    List<Item> items =
        csv(
            "accountId,userName,email\n,a@x.example,\n2,,\n3,c@x.example,c@x.example,extra\n4,d@x.example,\n");
    assertEquals("accountId is missing.", items.get(0).problem());
    assertTrue(items.get(1).problem().startsWith("Neither userName nor email"));
    assertTrue(items.get(2).problem().contains("4 cells"));
    assertNull(items.get(3).problem());
    assertEquals("4", items.get(3).account().accountId());
  }

  @Test
  void aHeaderThatNamesAnUnknownColumnImportsNothing() {
    ScimException e =
        assertThrows(ScimException.class, () -> csv("accountId,firstName\n1,Nancy\n"));
    assertEquals(400, e.status());
    assertTrue(e.detail().contains("'firstName'"), e.detail());
    assertThrows(ScimException.class, () -> csv("userName,email\na@x.example,\n"));
    assertThrows(ScimException.class, () -> csv(""));
    assertThrows(ScimException.class, () -> csv("accountId,userName\n1,\"never closed\n"));
  }

  @Test
  void jsonIsAnArrayOrAnObjectWithAccounts() {
    String account =
        "{\"accountId\":4711,\"userName\":\"nancy@northwind.example\","
            + "\"otherEmails\":[\"nd@northwind.example\"],\"department\":\"Sales\"}";
    for (String body : List.of("[" + account + "]", "{\"accounts\":[" + account + "]}")) {
      List<Item> items = json(body);
      assertEquals(1, items.size());
      assertEquals("4711", items.get(0).account().accountId(), "a number is an id too");
      assertEquals(List.of("nd@northwind.example"), items.get(0).account().otherEmails());
    }
  }

  @Test
  void aJsonAccountWithAnUnknownFieldOrWrongTypeIsReportedByIndex() {
    List<Item> items =
        json(
            "[{\"accountId\":\"1\",\"firstName\":\"Nancy\",\"userName\":\"a@x.example\"},"
                + "{\"accountId\":\"2\",\"userName\":true},"
                + "\"not an object\","
                + "{\"accountId\":\"4\",\"email\":\"d@x.example\"}]");
    assertEquals("Unknown field 'firstName'.", items.get(0).problem());
    assertEquals("1", items.get(0).accountId());
    assertEquals("userName must be a string.", items.get(1).problem());
    assertEquals(2, items.get(2).position());
    assertTrue(items.get(2).problem().contains("JSON object"));
    assertNull(items.get(3).problem());
  }

  @Test
  void brokenJsonSaysWhere() {
    ScimException e = assertThrows(ScimException.class, () -> json("[{\"accountId\":\"1\",}]"));
    assertEquals(400, e.status());
    assertTrue(e.detail().contains("line 1"), e.detail());
    assertThrows(ScimException.class, () -> json("[{\"accountId\":\"1\"}"));
    assertThrows(ScimException.class, () -> json("{\"users\":[]}"));
  }

  @Test
  void anAccountBecomesAnActiveScimUserWhoseEveryAddressIsAWorkEmail() {
    ProductAccount account =
        new ProductAccount(
            2,
            "4711",
            null,
            " Nancy@Northwind.example ",
            List.of("nd@northwind.example"),
            "Nancy",
            "Davolio",
            null,
            "Sales");
    JsonObject user = account.asScimUser();
    assertEquals("Nancy@Northwind.example", user.getString("userName"), "the email, trimmed");
    assertEquals(true, user.getBoolean("active"));
    assertEquals(
        "[{\"value\":\"Nancy@Northwind.example\",\"type\":\"work\",\"primary\":true},"
            + "{\"value\":\"nd@northwind.example\",\"type\":\"work\"}]",
        user.getJsonArray("emails").toString());
    assertEquals(
        "Sales",
        user.getJsonObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
            .getString("department"));
    assertEquals("Davolio", user.getJsonObject("name").getString("familyName"));
  }
}
