package dev.roster.groups.entity;

import dev.roster.scim.schema.ResourceValidator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One member of one group: a row of the membership relation. Rows are added and removed as sets in
 * SQL, so that adding or removing k members costs O(k) whatever the group's size.
 *
 * <ul>
 *   <li>{@code GROUP_ID} is the group's internal id; {@code MEMBER_ID} the member's resource id (a
 *       user's or a group's SCIM id; both are UUIDs, so one column serves both) and {@code
 *       MEMBER_TYPE} says which. Only ids of resources of the group's tenant are ever stored.
 *   <li>(group, member) is unique: adding a member twice is a no-op, also under a race.
 *   <li>(member, group) answers "which groups is this user in?" and removes a deleted member.
 *   <li>(group, id) lists the members in the order they were added, page by page.
 *   <li>{@code DISPLAY} is the member's {@code display} as the client sent it.
 * </ul>
 */
@Entity
@Table(
    name = "SCIM_MEMBERSHIPS",
    uniqueConstraints =
        @UniqueConstraint(
            name = "SCIM_MEMBERSHIPS_GROUP_MEMBER",
            columnNames = {"GROUP_ID", "MEMBER_ID"}),
    indexes = {
      @Index(name = "SCIM_MEMBERSHIPS_MEMBER", columnList = "MEMBER_ID, GROUP_ID"),
      @Index(name = "SCIM_MEMBERSHIPS_GROUP_ORDER", columnList = "GROUP_ID, ID")
    })
public class Membership {

  /** How many rows one sequence call numbers: a batch of added members needs few calls. */
  public static final int ALLOCATION = 500;

  @Id
  @SequenceGenerator(
      name = "SCIM_MEMBERSHIPS_SEQ",
      sequenceName = "SCIM_MEMBERSHIPS_SEQ",
      allocationSize = ALLOCATION)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "SCIM_MEMBERSHIPS_SEQ")
  private Long id;

  @Column(name = "GROUP_ID", nullable = false)
  private long groupId;

  @Column(name = "MEMBER_ID", nullable = false, length = 36)
  private String memberId;

  @Column(name = "MEMBER_TYPE", nullable = false, length = 8)
  private String memberType;

  @Column(name = "DISPLAY", length = ResourceValidator.MAX_STORED_LENGTH)
  private String display;

  protected Membership() {}

  public Membership(long groupId, String memberId, String memberType, String display) {
    this.groupId = groupId;
    this.memberId = memberId;
    this.memberType = memberType;
    this.display = display;
  }

  public Long id() {
    return id;
  }

  public long groupId() {
    return groupId;
  }

  public String memberId() {
    return memberId;
  }

  public String memberType() {
    return memberType;
  }

  public String display() {
    return display;
  }
}
