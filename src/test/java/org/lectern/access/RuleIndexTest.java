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
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.Condition;
import org.lectern.access.condition.ConditionParser;

/**
 * The rule index decides exactly as jCasbin does with the shipped model, for random rule sets:
 * wildcard and named resources, actions, subjects and domains, priorities, deny and allow,
 * conditions that hold or not, a rule whose condition is missing, roles held through other roles,
 * and requests for resources and actions no rule names.
 */
class RuleIndexTest {

  private static final List<String> RESOURCES = List.of("*", "story", "course", "user");
  private static final List<String> ACTIONS = List.of("*", "read", "update", "delete");
  private static final List<String> SUBJECTS = List.of("*", "teacher", "student", "head", "u-1");
  private static final List<String> DOMAINS = List.of("*", "school-a", "school-b");
  private static final Condition PUBLISHED =
      ConditionParser.parse(
          "[{\"field\":\"resource.status\",\"operator\":\"eq\",\"value\":\"published\"}]", "story");
  private static final Condition OWN =
      ConditionParser.parse(
          "[{\"field\":\"resource.createdBy\",\"operator\":\"eq\",\"value\":\"user.id\"}]",
          "story");

  private static String model;

  /** jCasbin logs every decision at INFO; 10,000 of them would be most of this test's time. */
  private static final Logger JCASBIN = Logger.getLogger("org.casbin");

  @BeforeAll
  static void readModel() throws IOException {
    model = Files.readString(Path.of("policies/model.conf"));
    JCASBIN.setLevel(Level.WARNING);
  }

  @Test
  void decidesAsJcasbinOnRandomRuleSets() {
    long seed = Long.getLong("lectern.rules.seed", System.nanoTime());
    Random random = new Random(seed);
    int decisions = 0;
    for (int set = 0; set < 500; set++) {
      List<Rule> rules = new ArrayList<>();
      Map<String, Condition> conditions = new HashMap<>();
      conditions.put("published", PUBLISHED);
      conditions.put("own", OWN);
      int n = 1 + random.nextInt(12);
      for (int i = 0; i < n; i++) {
        String condition = pick(random, List.of("", "", "published", "own", "missing"));
        rules.add(
            new Rule(
                random.nextInt(3),
                pick(random, SUBJECTS),
                pick(random, DOMAINS),
                pick(random, RESOURCES),
                pick(random, ACTIONS),
                condition,
                random.nextInt(3) != 0));
      }
      List<List<String>> groupings = new ArrayList<>();
      groupings.add(List.of("u-1", pick(random, List.of("teacher", "student")), "school-a"));
      if (random.nextBoolean()) {
        groupings.add(List.of("teacher", "head", "school-a")); // a role held through another
      }
      if (random.nextBoolean()) {
        groupings.add(List.of("u-1", "head", "school-b"));
      }
      SyncedEnforcer enforcer = TenantEnforcers.compile(model, rules, groupings, conditions);
      TenantRules tenant = new TenantRules(enforcer, TenantEnforcers.ordered(rules), conditions);
      for (int q = 0; q < 20; q++) {
        String domain = pick(random, List.of("school-a", "school-b"));
        String subject = pick(random, List.of("u-1", "u-2", "teacher"));
        String resource = pick(random, List.of("story", "course", "user", "lesson"));
        String action = pick(random, List.of("read", "update", "delete", "publish"));
        Attributes attributes =
            new Attributes(
                Map.of("id", subject),
                Map.of(
                    "status",
                    pick(random, List.of("draft", "published")),
                    "createdBy",
                    pick(random, List.of("u-1", "u-2"))));
        boolean expected = enforcer.enforce(subject, domain, resource, action, attributes);
        boolean actual =
            tenant.decide(tenant.subjectsOf(subject, domain), domain, resource, action, attributes);
        assertEquals(
            expected,
            actual,
            "seed " + seed + ": " + subject + " " + action + " " + resource + " in " + domain
                + " under " + rules + " with " + groupings);
        decisions++;
      }
    }
    assertEquals(10_000, decisions);
  }

  @Test
  void subjectsAreTheCallerAndEveryRoleItHoldsInTheDomain() {
    SyncedEnforcer enforcer =
        TenantEnforcers.compile(
            model,
            List.of(),
            List.of(
                List.of("u-1", "teacher", "school-a"),
                List.of("teacher", "head", "school-a"),
                List.of("u-1", "student", "school-b")),
            Map.of());
    TenantRules tenant = new TenantRules(enforcer, List.of(), Map.of());
    assertEquals(Set.of("u-1", "teacher", "head"), tenant.subjectsOf("u-1", "school-a"));
    assertEquals(Set.of("u-1", "student"), tenant.subjectsOf("u-1", "school-b"));
    assertEquals(Set.of("u-2"), tenant.subjectsOf("u-2", "school-a"));
  }

  @Test
  void aResourceOrActionNoRuleNamesMeetsOnlyTheWildcardRules() {
    List<Rule> rules =
        List.of(
            Rule.grant("teacher", "school-a", "story", "read"),
            Rule.grant("admin", "school-a", "*", "*"));
    TenantRules tenant =
        new TenantRules(
            TenantEnforcers.compile(model, rules, List.of(), Map.of()),
            TenantEnforcers.ordered(rules),
            Map.of());
    Attributes none = new Attributes(Map.of(), Map.of());
    assertTrue(tenant.decide(Set.of("admin"), "school-a", "lesson", "archive", none));
    assertFalse(tenant.decide(Set.of("teacher"), "school-a", "lesson", "read", none));
    assertFalse(tenant.decide(Set.of("teacher"), "school-a", "story", "archive", none));
    assertTrue(tenant.decide(Set.of("teacher"), "school-a", "story", "read", none));
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
