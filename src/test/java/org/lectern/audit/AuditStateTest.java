package org.lectern.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the audit trail records of an entity and of a change to it. */
class AuditStateTest {

  enum Colour {
    red,
    blue
  }

  /** Stands in for an entity: fields of every kind the entities use. */
  static class Account {
    private final UUID id = UUID.fromString("01900000-0000-7000-8000-000000000001");
    private String name = "Ada";
    @Sensitive private String secret = "hash-1";
    private Colour colour = Colour.red;
    private List<String> tags = List.of("a", "b");
    private Instant updatedAt = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CONSTANT = "not state";
    private transient String cache = "not state either";
    private Object _persistence_fetchGroup = "weaving";
  }

  @Test
  void recordsEveryPersistentFieldAsPlainValues() {
    Map<String, Object> state = AuditState.of(new Account());
    assertEquals(
        List.of("id", "name", "secret", "colour", "tags", "updatedAt"),
        List.copyOf(state.keySet()));
    assertEquals("01900000-0000-7000-8000-000000000001", state.get("id"));
    assertEquals("red", state.get("colour"));
    assertEquals(List.of("a", "b"), state.get("tags"));
    assertEquals("2026-01-01T00:00:00Z", state.get("updatedAt"));
    assertEquals(AuditState.MASK, state.get("secret").toString());
  }

  @Test
  void anUpdateRecordsOnlyWhatChanged() {
    Account account = new Account();
    Map<String, Object> before = AuditState.of(account);
    account.name = "Ada Lovelace";
    Map<String, Object> after = AuditState.of(account);
    AuditState.Change change = AuditState.change(AuditAction.UPDATE, before, after);
    assertEquals(Map.of("name", "Ada"), change.oldValues());
    assertEquals(Map.of("name", "Ada Lovelace"), change.newValues());
    assertEquals("{\"name\":\"Ada\"}", change.oldJson().toString());
  }

  @Test
  void aChangedSecretShowsAsChangedButNeverItsValue() {
    Account account = new Account();
    Map<String, Object> before = AuditState.of(account);
    account.secret = "hash-2";
    AuditState.Change change =
        AuditState.change(AuditAction.UPDATE, before, AuditState.of(account));
    assertEquals("{\"secret\":\"***\"}", change.oldJson().toString());
    assertEquals("{\"secret\":\"***\"}", change.newJson().toString());
    assertFalse(change.newJson().toString().contains("hash"));

    Map<String, Object> same = AuditState.of(account);
    assertTrue(
        AuditState.change(AuditAction.UPDATE, same, AuditState.of(account)).newValues().isEmpty(),
        "an unchanged secret is not reported");
  }

  @Test
  void creationAndHardDeletionRecordTheWholeState() {
    Map<String, Object> state = AuditState.of(new Account());
    AuditState.Change created = AuditState.change(AuditAction.CREATE, null, state);
    assertNull(created.oldValues());
    assertEquals(state, created.newValues());
    AuditState.Change deleted = AuditState.change(AuditAction.DELETE, state, null);
    assertEquals(state, deleted.oldValues());
    assertNull(deleted.newJson());
  }
}
