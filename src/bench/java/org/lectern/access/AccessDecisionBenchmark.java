package org.lectern.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * What one access decision costs, and whether it depends on how many tenants exist (it must not:
 * each tenant has its own enforcer) or on how big the tenant is; and what rebuilding a tenant's
 * enforcer after a change costs. Uses the shipped model, grants and default policies.
 *
 * <p>Run: {@code mvn -Pbench verify} (see README, "Benchmarks").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AccessDecisionBenchmark {

  @Param({"1", "1000"})
  int tenants;

  @Param({"100", "2000"})
  int usersPerTenant;

  private String model;
  private final Map<String, SyncedEnforcer> enforcers = new HashMap<>();
  private final Map<String, Object> story = new HashMap<>();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    model = Files.readString(Path.of("policies/model.conf"));
    story.put("status", "published");
    story.put("createdBy", "u-1");
    story.put("difficulty", "beginner");
    for (int t = 0; t < tenants; t++) {
      String dom = "tenant-" + t;
      enforcers.put(dom, tenantEnforcer(dom));
    }
  }

  private SyncedEnforcer tenantEnforcer(String dom) throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (DefaultPolicies.Grant g :
        DefaultPolicies.grants(Files.readString(Path.of("policies/roles.csv")))) {
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
    rules.add(new Rule(0, "*", dom, "story", "read", "published", true));
    rules.add(new Rule(0, "*", dom, "story", "update", "own", true));
    List<List<String>> groupings = new ArrayList<>();
    for (int u = 0; u < usersPerTenant; u++) {
      groupings.add(List.of("u-" + u, u % 20 == 0 ? "teacher" : "student", dom));
    }
    return TenantEnforcers.compile(model, rules, groupings, conditions);
  }

  /** A student reading a published story in a random tenant. */
  @Benchmark
  public boolean decide() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String dom = "tenant-" + r.nextInt(tenants);
    String user = "u-" + (1 + r.nextInt(usersPerTenant - 1));
    SyncedEnforcer e = enforcers.get(dom);
    Map<String, Object> attrs = new HashMap<>();
    attrs.put("id", user);
    attrs.put("roles", e.getRolesForUserInDomain(user, dom));
    return e.enforce(user, dom, "story", "read", new Attributes(attrs, story));
  }

  /** Rebuilding one tenant's enforcer, as after a change to its roles or policies. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public SyncedEnforcer rebuild() throws IOException {
    return tenantEnforcer("tenant-rebuilt");
  }
}
