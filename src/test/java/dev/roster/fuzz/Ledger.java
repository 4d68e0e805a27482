package dev.roster.fuzz;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which seeded resources a run may have changed, from the writes the server accepted. A resource
 * that no accepted write named must be byte-identical afterwards.
 *
 * <ul>
 *   <li>A 2xx write (any method but GET, HEAD, OPTIONS and {@code .search}) names every seeded id
 *       in its request target, decoded or not. Ids in its body name nothing: adding a user to a
 *       group, or making it someone's manager, changes only the group or the other user.
 *   <li>A write whose outcome is unknown (no answer, or a 5xx, which may have committed) names the
 *       same, so that one failure is not reported twice.
 *   <li>Deleting a resource changes the groups it was a direct member of (their members list), but
 *       not what their other members show.
 *   <li>A user's {@code groups} lists its groups with their names, directly or through nesting: it
 *       may change with every group a write named in its target, or a new group, that holds the
 *       user, before or after, directly or indirectly. Such users are compared without {@code
 *       groups} only.
 * </ul>
 */
public final class Ledger {

  private final Set<String> seeded;
  private final Map<String, Set<String>> membersBefore;
  private final Set<String> named = new HashSet<>();
  private final Set<String> targeted = new HashSet<>();

  /**
   * @param seeded every seeded id
   * @param membersBefore each seeded group's direct member ids, as snapshot
   */
  public Ledger(Set<String> seeded, Map<String, Set<String>> membersBefore) {
    this.seeded = Set.copyOf(seeded);
    this.membersBefore = Map.copyOf(membersBefore);
  }

  /** Notes a request and its answer; {@code status} -1 for none. */
  public void record(WireRequest request, int status) {
    if (request.isRead()) {
      return;
    }
    boolean accepted = status >= 200 && status < 300;
    boolean unknown = status < 0 || status >= 500;
    if (!accepted && !unknown) {
      return;
    }
    String target = request.target();
    String decoded;
    try {
      decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = target;
    }
    for (String id : seeded) {
      if (target.contains(id) || decoded.contains(id)) {
        named.add(id);
        targeted.add(id);
        if (request.method().equals("DELETE")) {
          membersBefore.forEach(
              (group, members) -> {
                if (members.contains(id)) {
                  named.add(group);
                }
              });
        }
      }
    }
  }

  public boolean isNamed(String id) {
    return named.contains(id);
  }

  public Set<String> named() {
    return Set.copyOf(named);
  }

  /**
   * The users whose {@code groups} may have changed: those reachable through members from a group a
   * write named in its target, or from a group that did not exist before, in the groups before or
   * after.
   *
   * @param membersAfter every group's direct member ids at the end, new groups included
   */
  public Set<String> groupsMayDiffer(Map<String, Set<String>> membersAfter) {
    Map<String, Set<String>> edges = new HashMap<>();
    membersBefore.forEach((g, m) -> edges.computeIfAbsent(g, k -> new HashSet<>()).addAll(m));
    membersAfter.forEach((g, m) -> edges.computeIfAbsent(g, k -> new HashSet<>()).addAll(m));
    Deque<String> todo = new ArrayDeque<>();
    for (String group : edges.keySet()) {
      if (targeted.contains(group) || !seeded.contains(group)) {
        todo.add(group);
      }
    }
    Set<String> reached = new HashSet<>(todo);
    while (!todo.isEmpty()) {
      for (String member : edges.getOrDefault(todo.poll(), Set.of())) {
        if (reached.add(member)) {
          todo.add(member);
        }
      }
    }
    return reached;
  }
}
