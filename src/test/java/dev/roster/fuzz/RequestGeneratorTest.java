package dev.roster.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestGeneratorTest {

  /** A directory with made-up ids, as the IT's seeding would give. */
  static Directory directory() {
    Map<String, Directory.Tenant> tenants = new LinkedHashMap<>();
    for (String name : Directory.TENANTS) {
      List<String> users = new ArrayList<>();
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < Directory.USER_NAMES.size(); i++) {
        users.add(name + "-user-" + i);
      }
      for (int i = 0; i < Directory.GROUP_NAMES.size(); i++) {
        groups.add(name + "-group-" + i);
      }
      tenants.put(name, new Directory.Tenant(name, users, groups));
    }
    return new Directory(tenants);
  }

  private static byte[] wire(WireRequest request) {
    byte[] head = request.head("localhost:1");
    byte[] body = request.body() == null ? new byte[0] : request.body();
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  @Test
  void aSeedAndIndexGiveTheSameBytesEveryTimeWhateverWasGeneratedBefore() {
    Directory directory = directory();
    List<byte[]> first = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      first.add(wire(RequestGenerator.generate(7, i, directory)));
    }
    for (int i = 299; i >= 0; i--) {
      assertArrayEquals(
          first.get(i), wire(RequestGenerator.generate(7, i, directory)), "index " + i);
    }
  }

  @Test
  void seedsGiveDifferentRequests() {
    Directory directory = directory();
    int same = 0;
    for (int i = 0; i < 100; i++) {
      byte[] a = wire(RequestGenerator.generate(1, i, directory));
      byte[] b = wire(RequestGenerator.generate(2, i, directory));
      if (java.util.Arrays.equals(a, b)) {
        same++;
      }
    }
    assertTrue(same < 5, same + " of 100 requests alike across seeds");
  }

  @Test
  void twoThousandRequestsCoverEveryKindAndTheMistakesTheIssueLists() {
    Directory directory = directory();
    Set<String> kinds = new HashSet<>();
    Set<String> labels = new HashSet<>();
    Set<String> methods = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      WireRequest request = RequestGenerator.generate(3, i, directory);
      kinds.add(request.kind());
      labels.addAll(request.labels());
      methods.add(request.method());
    }
    assertEquals(
        Set.of(
            "filter",
            "search",
            "list",
            "get",
            "patch-user",
            "patch-group",
            "post-user",
            "post-group",
            "put-user",
            "put-group",
            "delete",
            "url",
            "auth"),
        kinds);
    assertTrue(methods.containsAll(Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "FOO")));
    for (String label :
        List.of(
            "filter.meta",
            "filter.always-present",
            "filter.enterprise",
            "filter.urn-core",
            "filter.unknown-attr",
            "filter.value-path",
            "filter.value-path-sub",
            "filter.not",
            "filter.unquoted",
            "filter.escapes",
            "filter.whitespace",
            "filter.huge-terms",
            "filter.deep-parens",
            "filter.long-literal",
            "filter.mut.invalid-escape",
            "filter.mut.lone-surrogate",
            "filter.mut.raw-surrogate",
            "patch.op-capitalised",
            "patch.user.filtered-sub-path",
            "patch.user.path-less",
            "patch.user.manager",
            "patch.group.remove-members-value",
            "patch.group.bare-id",
            "patch.mut.wrong-type-value",
            "patch.mut.bad-path",
            "json.wrong-type",
            "json.null",
            "json.unknown-member",
            "json.deep-nesting",
            "json.huge-number",
            "json.duplicate-key",
            "json.lone-surrogate",
            "bytes.invalid-utf8",
            "body.empty",
            "body.none",
            "body.no-content-type",
            "stored.lone-surrogate",
            "stored.invalid-utf8",
            "url.path",
            "url.method",
            "list.parameters",
            "id.other-tenant",
            "auth.odd")) {
      assertTrue(labels.contains(label), () -> "no request labelled " + label);
    }
  }

  @Test
  void requestsOnOneResourceNameItsIdAndOwner() {
    Directory directory = directory();
    int byId = 0;
    for (int i = 0; i < 500; i++) {
      WireRequest request = RequestGenerator.generate(5, i, directory);
      if (request.byIdTenant() != null) {
        byId++;
        assertTrue(request.target().contains(request.byId()), request::toString);
        assertEquals(request.byIdTenant(), directory.ownerOf(request.byId()), request::toString);
      }
    }
    assertTrue(byId > 100, byId + " requests by id");
  }

  @Test
  void seedListsTakeValuesAndRanges() {
    assertEquals(List.of(1L, 2L, 3L, 17L), RequestGenerator.seeds("1-3, 17"));
    assertEquals(List.of(5L), RequestGenerator.seeds("5"));
    assertEquals(List.of(-2L, 4L), RequestGenerator.seeds("-2,4"));
  }

  @Test
  void aLoneSurrogateTravelsAsItsOwnThreeBytes() {
    assertArrayEquals(
        new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, RequestGenerator.wtf8("a\ud800"));
    assertArrayEquals("😀é".getBytes(StandardCharsets.UTF_8), RequestGenerator.wtf8("😀é"));
    assertEquals("a%20%22%ED%A0%80%22", RequestGenerator.encodeStrictly("a \"\ud800\""));
  }

  @Test
  void storedInvalidUtf8ReplacesItsPlaceholderWithBytesThatAreNotUtf8() {
    Stored stored = new Stored("stored.invalid-utf8", null, true);
    byte[] body = stored.bytes(Json.obj("displayName", stored.json()).render());
    String text = new String(body, StandardCharsets.UTF_8);
    assertTrue(text.contains("\ufffd"), text);
    assertFalse(text.contains(Stored.PLACEHOLDER), text);
  }

  @Test
  void jsonKeepsDuplicateKeysAndEscapesLoneSurrogatesOnly() {
    Json.Obj o = Json.obj("a", 1, "a", "x\ud800", "b", "😀\"");
    assertEquals("{\"a\":1,\"a\":\"x\\ud800\",\"b\":\"😀\\\"\"}", o.render());
  }

  @Test
  void filtersFromTheValidModeHaveBalancedBracketsAndQuotes() {
    Directory directory = directory();
    java.util.Random r = new java.util.Random(11);
    int checked = 0;
    for (int i = 0; i < 2_000; i++) {
      FilterGenerator.Generated f =
          FilterGenerator.generate(r, i % 3 == 0, directory.tenant("acme"), false);
      if (f.labels().stream().anyMatch(l -> l.startsWith("filter.mut."))) {
        continue;
      }
      checked++;
      String unquoted = f.text().replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
      assertEquals(count(unquoted, '('), count(unquoted, ')'), f::text);
      assertEquals(count(unquoted, '['), count(unquoted, ']'), f::text);
    }
    assertTrue(checked > 1_000, checked + " unmutated filters");
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
