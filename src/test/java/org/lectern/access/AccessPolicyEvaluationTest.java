package org.lectern.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.Condition;
import org.lectern.access.condition.ConditionParser;

/**
 * The shipped jCasbin model ({@code policies/model.conf}) with real jCasbin: RBAC grants per tenant
 * domain together with ABAC rules, default deny, priorities and deny-beats-allow.
 */
class AccessPolicyEvaluationTest {

  private static final String SCHOOL = "school-a";
  private static String model;

  private final List<Rule> rules = new ArrayList<>();
  private final List<List<String>> roles = new ArrayList<>();
  private final Map<String, Condition> conditions = new HashMap<>();

  @BeforeAll
  static void readModel() throws IOException {
    model = Files.readString(Path.of("policies/model.conf"));
  }

  private void grant(String role, String resource, String action) {
    rules.add(Rule.grant(role, SCHOOL, resource, action));
  }

  private void rule(
      String id, int priority, boolean allow, String resource, String action, String json) {
    conditions.put(id, ConditionParser.parse(json, resource));
    rules.add(new Rule(priority, "*", SCHOOL, resource, action, id, allow));
  }

  private void member(String user, String role) {
    roles.add(List.of(user, role, SCHOOL));
  }

  private boolean can(String user, String resource, String action, Map<String, ?> res) {
    SyncedEnforcer e = TenantEnforcers.compile(model, rules, roles, conditions);
    Map<String, Object> userAttrs = new HashMap<>();
    userAttrs.put("id", user);
    userAttrs.put("roles", e.getRolesForUserInDomain(user, SCHOOL));
    userAttrs.put("readingLevel", "beginner");
    Attributes attributes = new Attributes(userAttrs, res);
    boolean jcasbin = e.enforce(user, SCHOOL, resource, action, attributes);
    TenantRules tenant = new TenantRules(e, TenantEnforcers.ordered(rules), conditions);
    assertEquals(
        jcasbin,
        tenant.decide(tenant.subjectsOf(user, SCHOOL), SCHOOL, resource, action, attributes),
        "the rule index decides as jCasbin does");
    return jcasbin;
  }

  private static Map<String, Object> story(String status, String createdBy, String difficulty) {
    return Map.of("status", status, "createdBy", createdBy, "difficulty", difficulty);
  }

  @Test
  void nothingIsAllowedWithoutARule() {
    member("u1", "teacher");
    assertFalse(can("u1", "story", "read", story("published", "u2", "beginner")));
  }

  @Test
  void aRoleGrantAllowsOnlyItsResourceAndAction() {
    grant("teacher", "story", "create");
    member("u1", "teacher");
    member("u2", "student");
    assertTrue(can("u1", "story", "create", Map.of()));
    assertFalse(can("u1", "story", "delete", Map.of()));
    assertFalse(can("u1", "user", "create", Map.of()));
    assertFalse(can("u2", "story", "create", Map.of()));
  }

  @Test
  void wildcardGrantCoversEverything() {
    grant("admin", "*", "*");
    member("a", "admin");
    assertTrue(can("a", "policy", "manage", Map.of()));
    assertTrue(can("a", "story", "delete", story("draft", "x", "advanced")));
  }

  @Test
  void aGrantOfAnotherTenantDoesNotApply() {
    rules.add(Rule.grant("teacher", "school-b", "story", "create"));
    member("u1", "teacher");
    assertFalse(can("u1", "story", "create", Map.of()));
  }

  @Test
  void conditionalAllowFollowsTheResourceAttributes() {
    rule(
        "published",
        0,
        true,
        "story",
        "read",
        "[{\"field\":\"resource.status\",\"operator\":\"eq\",\"value\":\"published\"}]");
    member("s", "student");
    assertTrue(can("s", "story", "read", story("published", "t", "beginner")));
    assertFalse(can("s", "story", "read", story("draft", "t", "beginner")));
  }

  @Test
  void ownershipConditionComparesResourceWithCaller() {
    rule(
        "own",
        0,
        true,
        "story",
        "update",
        "[{\"field\":\"user.roles\",\"operator\":\"contains\",\"value\":\"teacher\"},"
            + "{\"field\":\"resource.createdBy\",\"operator\":\"eq\",\"value\":\"user.id\"}]");
    member("t1", "teacher");
    member("s1", "student");
    assertTrue(can("t1", "story", "update", story("draft", "t1", "beginner")));
    assertFalse(can("t1", "story", "update", story("draft", "t2", "beginner")));
    assertFalse(can("s1", "story", "update", story("draft", "s1", "beginner")));
  }

  @Test
  void denyBeatsAllowAtEqualPriority() {
    grant("student", "story", "read");
    rule(
        "no-advanced",
        0,
        false,
        "story",
        "read",
        "{\"field\":\"resource.difficulty\",\"operator\":\"eq\",\"value\":\"advanced\"}");
    member("s", "student");
    assertFalse(can("s", "story", "read", story("published", "t", "advanced")));
    assertTrue(can("s", "story", "read", story("published", "t", "beginner")));
  }

  @Test
  void higherPriorityDecidesFirst() {
    rule(
        "deny-all-advanced",
        10,
        false,
        "story",
        "read",
        "{\"field\":\"resource.difficulty\",\"operator\":\"eq\",\"value\":\"advanced\"}");
    rule(
        "allow-own",
        20,
        true,
        "story",
        "read",
        "{\"field\":\"resource.createdBy\",\"operator\":\"eq\",\"value\":\"user.id\"}");
    member("t", "teacher");
    assertTrue(
        can("t", "story", "read", story("draft", "t", "advanced")), "priority 20 allow wins");
    assertFalse(
        can("t", "story", "read", story("draft", "x", "advanced")), "only the deny matches");
  }

  @Test
  void lowerPriorityDenyDoesNotOverrideHigherAllow() {
    grant("teacher", "story", "read");
    rule(
        "deny-low",
        -5,
        false,
        "story",
        "read",
        "{\"field\":\"resource.status\",\"operator\":\"eq\",\"value\":\"draft\"}");
    member("t", "teacher");
    assertTrue(can("t", "story", "read", story("draft", "x", "beginner")));
  }

  @Test
  void platformGrantsApplyInEveryDomain() {
    rules.add(Rule.grant("super_admin", "*", "*", "*"));
    SyncedEnforcer e = TenantEnforcers.compile(model, rules, roles, conditions);
    assertTrue(
        e.enforce("super_admin", SCHOOL, "story", "delete", new Attributes(Map.of(), Map.of())));
    assertTrue(
        e.enforce("super_admin", "school-b", "user", "create", new Attributes(Map.of(), Map.of())));
  }

  @Test
  void directUserGrantNeedsNoRole() {
    rules.add(Rule.grant("u9", SCHOOL, "story", "create"));
    assertTrue(can("u9", "story", "create", Map.of()));
    assertFalse(can("u8", "story", "create", Map.of()));
  }

  @Test
  void rankOrdersByPriorityThenDenyFirst() {
    Rule highAllow = new Rule(5, "*", SCHOOL, "story", "read", "", true);
    Rule lowDeny = new Rule(1, "*", SCHOOL, "story", "read", "", false);
    Rule highDeny = new Rule(5, "*", SCHOOL, "story", "read", "", false);
    List<Rule> sorted = new ArrayList<>(List.of(lowDeny, highAllow, highDeny));
    sorted.sort(java.util.Comparator.comparingInt(Rule::rank));
    assertEquals(List.of(highDeny, highAllow, lowDeny), sorted);
  }

  @Test
  void shippedDefaultGrantsParse() throws IOException {
    List<DefaultPolicies.Grant> grants =
        DefaultPolicies.grants(Files.readString(Path.of("policies/roles.csv")));
    assertTrue(grants.contains(new DefaultPolicies.Grant("admin", "*", "*")));
    assertTrue(grants.contains(new DefaultPolicies.Grant("teacher", "story", "create")));
    assertEquals(
        List.of(
            new DefaultPolicies.Grant("student", "tag", "read"),
            new DefaultPolicies.Grant("student", "classroom", "join"),
            new DefaultPolicies.Grant("student", "vocabulary", "read"),
            new DefaultPolicies.Grant("student", "vocabulary", "create"),
            new DefaultPolicies.Grant("student", "reading-progress", "read"),
            new DefaultPolicies.Grant("student", "reading-progress", "create"),
            new DefaultPolicies.Grant("student", "quiz", "attempt"),
            new DefaultPolicies.Grant("student", "discussion", "read"),
            new DefaultPolicies.Grant("student", "discussion", "post"),
            new DefaultPolicies.Grant("student", "book", "rate")),
        grants.stream().filter(g -> g.role().equals("student")).toList(),
        "students read the tag list, join classrooms by code (the code is the gate), keep their"
            + " own vocabulary and reading record (only ever their own), take quizzes, and read and"
            + " post in the book clubs of their classrooms (the classroom is the gate); every other"
            + " right of theirs (but rating books) comes through policies");
  }
}
