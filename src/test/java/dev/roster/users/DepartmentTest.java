package dev.roster.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.users.boundary.Department;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DepartmentTest {

  @Test
  void anAttributeDepartmentIsNamedWithoutCaseAndItsIdGivesTheKeyBack() {
    Department sales = Department.ofAttribute("Sales").orElseThrow();
    Department upper = Department.ofAttribute("SALES").orElseThrow();

    assertEquals(sales.id(), upper.id());
    assertTrue(sales.sameAs(upper));
    assertEquals("attribute", sales.source());
    assertEquals("attr-c2FsZXM", sales.id());
    assertEquals(Optional.of("sales"), Department.keyOfId(sales.id()));
  }

  @Test
  void idsAreUrlSafeForAnyName() {
    Department department = Department.ofAttribute("R&D / Ünits? #2").orElseThrow();
    assertTrue(department.id().matches("attr-[A-Za-z0-9_-]+"), department.id());
    assertEquals(Optional.of("r&d / ünits? #2"), Department.keyOfId(department.id()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void aBlankDepartmentIsNone(String name) {
    assertTrue(Department.ofAttribute(name).isEmpty());
    assertTrue(Department.ofAttribute(null).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"attr-", "attr-%%", "attr-c2FsZXM=", "attr-c2FsZXN", "2819c223-7f76-453a", "x"})
  void otherIdsAreNoAttributeDepartment(String id) {
    assertTrue(Department.keyOfId(id).isEmpty(), id);
  }

  @Test
  void aGroupAndAnAttributeDepartmentAreNeverTheSame() {
    Department group = Department.ofGroup("attr-c2FsZXM", "Sales");
    assertFalse(group.sameAs(Department.ofAttribute("Sales").orElseThrow()));
  }
}
