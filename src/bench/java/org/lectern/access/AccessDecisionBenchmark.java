package org.lectern.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.Condition;
import org.lectern.access.condition.ConditionParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one access decision costs, and whether it depends on how many tenants are loaded (it must
 * not: each tenant has its own rules, indexed by resource type and action) or on how many rules a
 * tenant has; and what rebuilding a tenant's rules after a change costs. Uses the shipped model and
 * grants, the default ABAC rules' shapes, and synthetic ABAC rules on other resource types and
 * actions up to {@link #rulesPerTenant}.
 *
 * <ul>
 *   <li>{@link #decide}: what {@code AccessControl.can} does per decision since the rules are
 *       indexed: the caller's subjects and {@code user.*} are worked out once per request (not
 *       measured here), then the tenant's {@link RuleIndex} decides.
 *   <li>{@link #decideJcasbin}: what it did before: jCasbin's enforcer over all the tenant's rules,
 *       with the {@code user.*} attributes also built once per request.
 * </ul>
 *
 * <p>Sample mode, so JMH prints p50/p99 per case. Run: {@code mvn -Pbench verify} (see README,
 * "Benchmarks").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AccessDecisionBenchmark {

  @Param({"1", "1000"})
  int tenants;

  @Param({"100", "2000"})
  int usersPerTenant;

  /** Rules per tenant: the shipped grants and default rules, then synthetic ones up to this. */
  @Param({"200"})
  int rulesPerTenant;

  private static final List<String> OTHER_RESOURCES =
      List.of("course", "unit", "lesson", "tag", "user", "role", "policy", "audio", "approval");
  private static final List<String> OTHER_ACTIONS =
      List.of("create", "update", "delete", "publish", "archive", "manage");

  private String model;
  private String grants;
  private TenantState[] states;
  private final Map<String, Object> story = new HashMap<>();

  /** One tenant's rules and one of its students, as a request sees them. */
  record TenantState(
      String domain,
      SyncedEnforcer enforcer,
      TenantRules rules,
      String user,
      Map<String, Object> userAttributes,
      Set<String> subjects) {}

  /**
   * jCasbin builds a log line of every decision; in the war slf4j has no provider, so the lines go
   * nowhere. Here slf4j-jdk14 is on the class path: quieted, so no console output is measured.
   */
  private static final Logger JCASBIN = Logger.getLogger("org.casbin");

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    JCASBIN.setLevel(java.util.logging.Level.WARNING);
    model = Files.readString(Path.of("policies/model.conf"));
    grants = Files.readString(Path.of("policies/roles.csv"));
    story.put("status", "published");
    story.put("createdBy", "u-1");
    story.put("difficulty", "beginner");
    states = new TenantState[tenants];
    for (int t = 0; t < tenants; t++) {
      states[t] = tenant("tenant-" + t, new Random(t));
    }
  }

  private TenantState tenant(String dom, Random random) {
    List<Rule> rules = new ArrayList<>();
    for (DefaultPolicies.Grant g : DefaultPolicies.grants(grants)) {
      rules.add(Rule.grant(g.role(), dom, g.resource(), g.action()));
    }
    Map<String, Condition> conditions = new HashMap<>();
    conditions.put(
        "published",
        ConditionParser.parse(
            "[{\"field\":\"resource.status\",\"operator\":\"eq\",\"value\":\"published\"}]",
            "story"));
    conditions.put(
        "own",
        ConditionParser.parse(
            "[{\"field\":\"user.roles\",\"operator\":\"contains\",\"value\":\"teacher\"},"
                + "{\"field\":\"resource.createdBy\",\"operator\":\"eq\",\"value\":\"user.id\"}]",
            "story"));
    conditions.put(
        "advanced",
        ConditionParser.parse(
            "[{\"field\":\"resource.difficulty\",\"operator\":\"eq\",\"value\":\"advanced\"}]",
            "story"));
    rules.add(new Rule(0, "*", dom, "story", "read", "published", true));
    rules.add(new Rule(0, "*", dom, "story", "update", "own", true));
    rules.add(new Rule(1, "student", dom, "story", "read", "advanced", false));
    for (int i = rules.size(); i < rulesPerTenant; i++) {
      rules.add(
          new Rule(
              random.nextInt(5),
              random.nextBoolean() ? "*" : (random.nextBoolean() ? "teacher" : "student"),
              dom,
              OTHER_RESOURCES.get(random.nextInt(OTHER_RESOURCES.size())),
              OTHER_ACTIONS.get(random.nextInt(OTHER_ACTIONS.size())),
              random.nextBoolean() ? "" : (random.nextBoolean() ? "published" : "own"),
              random.nextInt(3) != 0));
    }
    List<List<String>> groupings = new ArrayList<>();
    for (int u = 0; u < usersPerTenant; u++) {
      groupings.add(List.of("u-" + u, u % 20 == 0 ? "teacher" : "student", dom));
    }
    SyncedEnforcer enforcer = TenantEnforcers.compile(model, rules, groupings, conditions);
    TenantRules tenantRules =
        new TenantRules(enforcer, TenantEnforcers.ordered(rules), conditions);
    String user = "u-" + (1 + random.nextInt(usersPerTenant - 1));
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("id", user);
    attrs.put("roles", enforcer.getRolesForUserInDomain(user, dom));
    return new TenantState(
        dom,
        enforcer,
        tenantRules,
        user,
        Collections.unmodifiableMap(attrs),
        tenantRules.subjectsOf(user, dom));
  }

  /** A student reading a published story in a random tenant, through the rule index. */
  @Benchmark
  public boolean decide() {
    TenantState s = states[ThreadLocalRandom.current().nextInt(tenants)];
    return s.rules()
        .decide(
            s.subjects(), s.domain(), "story", "read", new Attributes(s.userAttributes(), story));
  }

  /** The same decision through jCasbin's enforcer, as before the rules were indexed. */
  @Benchmark
  public boolean decideJcasbin() {
    TenantState s = states[ThreadLocalRandom.current().nextInt(tenants)];
    return s.enforcer()
        .enforce(
            s.user(), s.domain(), "story", "read", new Attributes(s.userAttributes(), story));
  }

  /** Rebuilding one tenant's rules, as after a change to its roles or policies. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public TenantState rebuild() {
    return tenant("tenant-rebuilt", new Random(42));
  }
}
