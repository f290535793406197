package org.lectern.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lectern.platform.LecternException;

class RequestContextTest {

  private final UUID school = UUID.randomUUID();
  private final UUID other = UUID.randomUUID();
  private final Caller teacher = Caller.user(UUID.randomUUID(), "t@school.test", Map.of());

  @Test
  void isSetOnceAndRefusesASecondChange() {
    RequestContext context = new RequestContext();
    context.establish("req-1", "10.0.0.1", teacher, school, 7L);
    assertThrows(
        IllegalStateException.class,
        () -> context.establish("req-1", "10.0.0.1", teacher, other, 7L));
    assertEquals(school, context.tenant());
    assertEquals(7L, context.policyVersion());
    assertSame(teacher, context.caller());
    assertEquals("req-1", context.requestId());
    assertEquals("10.0.0.1", context.clientAddress());
  }

  @Test
  void runAsActsInTheTenantOnlyWhileTheWorkRuns() {
    RequestContext context = new RequestContext();
    Caller root = Caller.platform(UUID.randomUUID(), "root@lectern.test", List.of("super_admin"));
    context.establish("req-2", null, root, school, 3L);
    UUID inside = context.runAs(other, 0, context::tenant);
    assertEquals(other, inside);
    assertEquals(school, context.tenant(), "the request's own tenant is back");
    assertEquals(3L, context.policyVersion());
    assertThrows(
        RuntimeException.class,
        () ->
            context.runAs(
                other,
                0,
                () -> {
                  throw new IllegalStateException("failed provisioning");
                }));
    assertEquals(school, context.tenant(), "a failure does not leave the scope behind");
  }

  @Test
  void aSignInActsAsWhoSignedInOnlyInsideItsScope() {
    RequestContext context = new RequestContext();
    context.establish("req-3", null, Caller.NOBODY, null, null);
    assertEquals(teacher, context.runAs(school, 1, teacher, context::caller));
    assertFalse(context.caller().isAuthenticated());
    assertTrue(context.tenantId().isEmpty());
  }

  @Test
  void tenantDataWithoutATenantIsNotFound() {
    RequestContext context = new RequestContext();
    context.establish("req-4", null, Caller.NOBODY, null, null);
    LecternException e = assertThrows(LecternException.class, context::tenant);
    assertEquals(404, e.status());
  }

  @Test
  void workOutsideARequestIsNotARequest() {
    RequestContext context = new RequestContext();
    assertFalse(context.isRequest());
    assertFalse(context.caller().isAuthenticated());
  }
}
