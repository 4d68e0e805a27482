package dev.roster.scim.filter;

/**
 * What one filter (RFC 7644 §3.4.2.2) or PATCH path (§3.5.2) may ask of the server. The parser
 * refuses anything beyond these with 400 {@code invalidFilter} ({@code invalidPath} for a PATCH
 * path), naming the limit, before any of it reaches the database.
 *
 * <p>Every term of a filter becomes a subquery, and every node of its tree a level of recursion in
 * the parser, the in-memory matcher, the PATCH engine and the translation to JPQL (and in
 * EclipseLink's and the database's parsers after that). Bounding terms and nesting bounds all of
 * them: 1,000 {@code or} terms used to overflow the stack, one level per term. The limits are
 * generous for every client we know: Entra ID and Okta send one or two comparisons, Microsoft's
 * test collection at most three, and the console's search six {@code co} terms plus one on {@code
 * active}. The costliest terms, substring comparisons, have limits of their own.
 *
 * <p>Lengths count characters as the README does: Unicode code points.
 */
public final class FilterLimits {

  /**
   * The longest filter or path, in characters: room for lookups of two of the longest values Roster
   * stores (2,048 characters each), or for 50 lookups of ordinary values joined by {@code or}. What
   * a filter costs is bounded by the limits below; this one bounds what the parser reads.
   */
  public static final int MAX_LENGTH = 8192;

  /**
   * The most comparisons and presence tests ({@code pr}) in one filter or path. Each is a subquery;
   * one that no index serves, such as {@code emails[type ne "x"]}, reads every value of its
   * attribute in the tenant. With this many, the deepest tree a filter can make (together with
   * {@link #MAX_DEPTH}) is about a hundred levels, far from any stack's end.
   */
  public static final int MAX_TERMS = 50;

  /**
   * The most {@code co}, {@code sw} and {@code ew} comparisons in one filter or path. A substring
   * comparison cannot use an index: it reads every value of the attribute in the tenant, and {@code
   * co} compares up to (value length × literal length) characters per value. Measured on H2 with
   * the data of {@code FilterCostIT}, 1,000 users whose titles are 2,048 characters chosen to make
   * matching slowest (one letter, which every literal but its last character matches): one {@code
   * co} took about 30 ms with a literal of 32 characters, 90 ms with 64, 170 ms with 128, 250 ms
   * with 256 and 460 ms with 1,024, and ten terms ten times that (on a shared two-core machine at a
   * load of 8). With this limit and {@link #MAX_SUBSTRING_LENGTH}, the worst filters (ten such
   * terms, and 40 value filters that read every email) take 0.3 to 0.9 s of CPU there. The
   * console's search needs six.
   */
  public static final int MAX_SUBSTRING_TERMS = 10;

  /**
   * The longest {@code co}, {@code sw} or {@code ew} literal, in characters: enough for any name or
   * address a person searches for. The cost of a substring comparison grows with it (see {@link
   * #MAX_SUBSTRING_TERMS}), and a longer literal says little that a 64-character part of it would
   * not. The console's search must cut its text to this length.
   */
  public static final int MAX_SUBSTRING_LENGTH = 64;

  /**
   * How deeply parentheses, {@code not ( )} and value filters ({@code emails[...]}) may nest. Real
   * filters nest two or three levels.
   */
  public static final int MAX_DEPTH = 50;

  private FilterLimits() {}
}
