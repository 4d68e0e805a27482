package dev.roster.admin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An account that may use the admin console and the admin API. The name is stored lower-cased (it
 * is the key); the password only as a PBKDF2 hash ({@link
 * dev.roster.admin.control.PasswordHashing}).
 */
@Entity
@Table(name = "ADMIN_ACCOUNTS")
public class AdminAccount {

  @Id
  @Column(name = "USER_NAME", length = 64)
  private String userName;

  @Column(name = "PASSWORD_HASH", nullable = false, length = 256)
  private String passwordHash;

  @Column(name = "CREATED", nullable = false)
  private LocalDateTime created;

  @Column(name = "PASSWORD_CHANGED", nullable = false)
  private LocalDateTime passwordChanged;

  protected AdminAccount() {}

  public AdminAccount(String userName, String passwordHash, LocalDateTime now) {
    this.userName = userName;
    this.passwordHash = passwordHash;
    this.created = now;
    this.passwordChanged = now;
  }

  public void changePassword(String passwordHash, LocalDateTime now) {
    this.passwordHash = passwordHash;
    this.passwordChanged = now;
  }

  public String userName() {
    return userName;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public LocalDateTime created() {
    return created;
  }

  public LocalDateTime passwordChanged() {
    return passwordChanged;
  }
}
