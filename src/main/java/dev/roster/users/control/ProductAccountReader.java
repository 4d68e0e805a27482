package dev.roster.users.control;

import static dev.roster.scim.JsonProviders.JSON;

import dev.roster.scim.ScimException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads the accounts of an import one at a time (docs/account-import.md), from JSON ({@code [{…},
 * …]} or {@code {"accounts": [{…}, …]}}) or CSV (RFC 4180, a header naming the columns), so that an
 * import of any size takes the memory of one account.
 *
 * <p>An account with a problem of its own (a missing id, an unknown field, a row with too many
 * cells) comes as an {@link Item} with that problem, and the import goes on without it. A file that
 * cannot be read at all (broken JSON, an unknown CSV column) is a 400 {@code invalidSyntax} that
 * says where.
 */
public abstract class ProductAccountReader implements Iterator<ProductAccountReader.Item> {

  /** The fields of an account, as JSON members and CSV columns (compared without case). */
  public static final List<String> FIELDS =
      List.of(
          "accountId",
          "userName",
          "email",
          "otherEmails",
          "givenName",
          "familyName",
          "displayName",
          "department");

  /**
   * One account, or why it cannot be imported.
   *
   * @param position its line (CSV) or index (JSON)
   * @param accountId its id as given, if any, for the report
   */
  public record Item(long position, String accountId, ProductAccount account, String problem) {

    static Item of(ProductAccount account) {
      String problem = account.problem();
      return new Item(
          account.position(), account.accountId(), problem == null ? account : null, problem);
    }
  }

  private Item next;

  public static ProductAccountReader json(Reader reader) {
    return new Json(reader);
  }

  public static ProductAccountReader csv(Reader reader) {
    return new Csv(reader);
  }

  /** The next item, or null after the last. */
  protected abstract Item read();

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = read();
    }
    return next != null;
  }

  @Override
  public Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Item item = next;
    next = null;
    return item;
  }

  private static ProductAccount account(long position, Map<String, Object> fields) {
    Object others = fields.get("otherEmails");
    List<String> otherEmails = new ArrayList<>();
    if (others instanceof List<?> list) {
      list.forEach(o -> otherEmails.add((String) o));
    } else if (others instanceof String text) {
      for (String address : text.split("[;,\\s]+")) {
        if (!address.isBlank()) {
          otherEmails.add(address);
        }
      }
    }
    return new ProductAccount(
        position,
        (String) fields.get("accountId"),
        (String) fields.get("userName"),
        (String) fields.get("email"),
        otherEmails,
        (String) fields.get("givenName"),
        (String) fields.get("familyName"),
        (String) fields.get("displayName"),
        (String) fields.get("department"));
  }

  /** The field's name as {@link #FIELDS} spells it, or null for no field. */
  private static String field(String name) {
    for (String field : FIELDS) {
      if (field.equalsIgnoreCase(name.strip())) {
        return field;
      }
    }
    return null;
  }

  private static final class Json extends ProductAccountReader {

    private final JsonParser parser;
    private long index;
    private boolean started;
    private boolean done;

    Json(Reader reader) {
      this.parser = JSON.createParser(reader);
    }

    @Override
    protected Item read() {
      try {
        if (!started) {
          start();
        }
        if (done) {
          return null;
        }
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.END_ARRAY) {
          done = true;
          return null;
        }
        long position = index++;
        if (event != JsonParser.Event.START_OBJECT) {
          if (event == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
          }
          return new Item(position, null, null, "Each account must be a JSON object.");
        }
        return item(position, parser.getObject());
      } catch (JsonParsingException e) {
        throw ScimException.invalidSyntax(
            "The accounts are not valid JSON near line "
                + e.getLocation().getLineNumber()
                + ", column "
                + e.getLocation().getColumnNumber()
                + ".");
      } catch (JsonException | IllegalStateException | NoSuchElementException e) {
        throw ScimException.invalidSyntax("The accounts are not valid JSON: they end too early.");
      }
    }

    private void start() {
      started = true;
      JsonParser.Event first = parser.next();
      if (first == JsonParser.Event.START_OBJECT) {
        if (parser.next() != JsonParser.Event.KEY_NAME || !"accounts".equals(parser.getString())) {
          throw ScimException.invalidSyntax(
              "Send the accounts as a JSON array, or as {\"accounts\": [ … ]}.");
        }
        first = parser.next();
      }
      if (first != JsonParser.Event.START_ARRAY) {
        throw ScimException.invalidSyntax(
            "Send the accounts as a JSON array, or as {\"accounts\": [ … ]}.");
      }
    }

    private static Item item(long position, JsonObject object) {
      Map<String, Object> fields = new HashMap<>();
      JsonValue id = object.get("accountId");
      String accountId =
          id instanceof JsonString s
              ? s.getString()
              : id instanceof JsonNumber n && n.isIntegral() ? n.toString() : null;
      for (Map.Entry<String, JsonValue> member : object.entrySet()) {
        String field = field(member.getKey());
        if (field == null) {
          return new Item(position, accountId, null, "Unknown field '" + member.getKey() + "'.");
        }
        JsonValue value = member.getValue();
        if (field.equals("accountId")) {
          fields.put(field, accountId);
        } else if (field.equals("otherEmails") && value instanceof JsonArray array) {
          List<String> addresses = new ArrayList<>();
          for (JsonValue address : array) {
            if (!(address instanceof JsonString s)) {
              return new Item(position, accountId, null, "otherEmails must hold strings.");
            }
            addresses.add(s.getString());
          }
          fields.put(field, addresses);
        } else if (value instanceof JsonString s) {
          fields.put(field, s.getString());
        } else if (value != JsonValue.NULL) {
          return new Item(position, accountId, null, field + " must be a string.");
        }
      }
      return Item.of(account(position, fields));
    }
  }

  private static final class Csv extends ProductAccountReader {

    private static final Set<String> REQUIRED_ONE_OF = Set.of("userName", "email");

    private final Reader reader;
    private List<String> columns;
    private long line = 1;
    private int pushedBack = -2;

    Csv(Reader reader) {
      this.reader = reader;
    }

    @Override
    protected Item read() {
      if (columns == null) {
        header();
      }
      while (true) {
        long start = line;
        List<String> cells = record();
        if (cells == null) {
          return null;
        }
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue; // an empty line
        }
        if (cells.size() > columns.size()) {
          return new Item(
              start,
              null,
              null,
              "The line has " + cells.size() + " cells; the header names " + columns.size() + ".");
        }
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
          if (!cells.get(i).isEmpty()) {
            fields.put(columns.get(i), cells.get(i));
          }
        }
        return Item.of(account(start, fields));
      }
    }

    private void header() {
      List<String> names = record();
      if (names == null) {
        throw ScimException.invalidSyntax("The CSV file is empty: it needs a header line.");
      }
      if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
        names.set(0, names.get(0).substring(1)); // the byte-order mark spreadsheets write
      }
      columns = new ArrayList<>();
      for (String name : names) {
        String field = field(name);
        if (field == null) {
          throw ScimException.invalidSyntax(
              "The CSV header names an unknown column '"
                  + name.strip()
                  + "': use "
                  + String.join(", ", FIELDS)
                  + ".");
        }
        if (columns.contains(field)) {
          throw ScimException.invalidSyntax("The CSV header names '" + field + "' twice.");
        }
        columns.add(field);
      }
      if (!columns.contains("accountId") || columns.stream().noneMatch(REQUIRED_ONE_OF::contains)) {
        throw ScimException.invalidSyntax(
            "The CSV header must name accountId, and userName or email (or both).");
      }
    }

    /** The cells of the next record (RFC 4180: quotes, doubled quotes, quoted line breaks). */
    private List<String> record() {
      int c = read1();
      if (c < 0) {
        return null;
      }
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      while (true) {
        if (quoted) {
          if (c < 0) {
            throw ScimException.invalidSyntax(
                "A quoted CSV cell that starts on line " + line + " never ends.");
          }
          if (c == '"') {
            int following = read1();
            if (following == '"') {
              cell.append('"');
            } else {
              quoted = false;
              c = following;
              continue;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append((char) c);
          }
        } else if (c < 0 || c == '\n' || c == '\r') {
          if (c == '\r') {
            int following = read1();
            if (following != '\n') {
              pushedBack = following;
            }
          }
          if (c >= 0) {
            line++;
          }
          cells.add(cell.toString());
          return cells;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else if (c == '"' && cell.isEmpty()) {
          quoted = true;
        } else {
          cell.append((char) c);
        }
        c = read1();
      }
    }

    private int read1() {
      if (pushedBack != -2) {
        int c = pushedBack;
        pushedBack = -2;
        return c;
      }
      try {
        return reader.read();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
