package org.lectern.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lectern.access.condition.Attributes;
import org.lectern.access.condition.Condition;
import org.lectern.access.condition.ConditionParser;
import org.lectern.access.condition.ConditionSyntaxException;
import org.lectern.access.condition.SqlColumn;
import org.lectern.access.condition.SqlColumn.Kind;
import org.lectern.access.condition.SqlPredicate;

/**
 * The list filter and the single-object decision agree: random rule sets (grants and ABAC rules
 * with random priorities, effects and conditions), random users and random rows; every row the real
 * jCasbin enforcer allows is a row the compiled SQL predicate selects in PostgreSQL, and no other.
 * Seeded, so a failure repeats: the seed is in the message ({@code -Dlectern.pe.seed=N}).
 */
class ReadFilterPropertyIT {

  private static final String DOMAIN = UUID.randomUUID().toString();
  private static final int ROWS = 80;
  private static final int RULE_SETS = 200;
  private static final List<String> UUIDS =
      List.of(
          "0190a1b2-0000-7000-8000-000000000001",
          "0190a1b2-0000-7000-8000-000000000002",
          "0190a1b2-0000-7000-8000-000000000003");
  private static final List<Object> SCALARS =
      List.of(
          "published",
          "draft",
          "a",
          "ab",
          "B",
          "",
          "10",
          "2.5",
          "x1",
          UUIDS.get(0),
          UUIDS.get(1),
          UUIDS.get(2).toUpperCase(),
          new BigDecimal("0"),
          new BigDecimal("1"),
          new BigDecimal("2"),
          new BigDecimal("10"),
          new BigDecimal("-1"),
          new BigDecimal("2.5"),
          new BigDecimal("1E+3"),
          true,
          false);
  private static final Map<String, SqlColumn> COLUMNS =
      Map.of(
          "status", SqlColumn.required("status", Kind.TEXT),
          "title", SqlColumn.optional("title", Kind.TEXT),
          "owner", SqlColumn.optional("owner", Kind.UUID),
          "course", SqlColumn.optional("course", Kind.UUID),
          "words", SqlColumn.optional("words", Kind.NUMBER),
          "ratio", SqlColumn.optional("ratio", Kind.NUMBER),
          "flag", SqlColumn.optional("flag", Kind.BOOLEAN));
  private static final List<String> USER_FIELDS =
      List.of("user.id", "user.roles", "user.courses", "user.level", "user.n", "user.missing");

  private static Connection db;
  private static String model;
  private static final List<Map<String, Object>> rows = new ArrayList<>();

  @BeforeAll
  static void rows() throws SQLException, IOException {
    model = Files.readString(Path.of("policies/model.conf"));
    db =
        DriverManager.getConnection(
            System.getProperty("lectern.it.db.url"),
            System.getProperty("lectern.it.db.user"),
            System.getProperty("lectern.it.db.password"));
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE pe_rows (id int PRIMARY KEY, status varchar(16) NOT NULL,"
              + " title varchar(16), owner uuid, course uuid, words int, ratio numeric, flag"
              + " boolean)");
    }
    Random random = new Random(7);
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO pe_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 0; id < ROWS; id++) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", Integer.toString(id));
        row.put("status", pick(random, List.of("published", "draft", "archived", "a", "")));
        row.put(
            "title",
            random.nextInt(5) == 0 ? null : pick(random, List.of("a", "ab", "B", "10", "x1", "")));
        row.put("owner", random.nextInt(4) == 0 ? null : pick(random, UUIDS));
        row.put("course", random.nextInt(3) == 0 ? null : pick(random, UUIDS));
        row.put(
            "words",
            random.nextInt(4) == 0 ? null : random.nextInt(5) - 1 + (random.nextBoolean() ? 0 : 9));
        row.put(
            "ratio",
            random.nextInt(4) == 0
                ? null
                : new BigDecimal(random.nextInt(60) - 10).movePointLeft(1));
        row.put("flag", random.nextInt(3) == 0 ? null : random.nextBoolean());
        rows.add(row);
        insert.setInt(1, id);
        insert.setString(2, (String) row.get("status"));
        insert.setString(3, (String) row.get("title"));
        insert.setObject(
            4, row.get("owner") == null ? null : UUID.fromString((String) row.get("owner")));
        insert.setObject(
            5, row.get("course") == null ? null : UUID.fromString((String) row.get("course")));
        insert.setObject(6, row.get("words"), Types.INTEGER);
        insert.setBigDecimal(7, (BigDecimal) row.get("ratio"));
        insert.setObject(8, row.get("flag"), Types.BOOLEAN);
        insert.executeUpdate();
      }
    }
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  @Test
  void theSqlFilterSelectsExactlyTheRowsTheEnforcerAllows() throws SQLException {
    long seed = Long.getLong("lectern.pe.seed", System.nanoTime());
    Random random = new Random(seed);
    int decisions = 0;
    int compiled = 0;
    for (int set = 0; set < RULE_SETS; set++) {
      List<Rule> rules = new ArrayList<>();
      Map<String, Condition> conditions = new HashMap<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        String subject = pick(random, List.of("*", "teacher", "student", "u-1"));
        String action = pick(random, List.of("read", "read", "*", "update"));
        String resource = pick(random, List.of("story", "story", "*", "course"));
        boolean allow = random.nextInt(3) != 0;
        int priority = random.nextInt(3);
        if (random.nextInt(4) == 0) {
          rules.add(new Rule(priority, subject, DOMAIN, resource, action, "", allow));
        } else {
          String key = "rule-" + i;
          conditions.put(key, condition(random));
          rules.add(new Rule(priority, subject, DOMAIN, resource, action, key, allow));
        }
      }
      List<String> roles = random.nextBoolean() ? List.of("teacher") : List.of("student");
      List<List<String>> groupings = List.of(List.of("u-1", roles.get(0), DOMAIN));
      SyncedEnforcer enforcer = TenantEnforcers.compile(model, rules, groupings, conditions);
      TenantRules tenant = new TenantRules(enforcer, TenantEnforcers.ordered(rules), conditions);
      Map<String, Object> user = user(random, roles);
      SqlPredicate filter =
          AccessControl.readFilter(
              tenant, "u-1", DOMAIN, "story", user, a -> Optional.ofNullable(COLUMNS.get(a)));
      if (filter instanceof SqlPredicate.Uncompilable) {
        continue;
      }
      compiled++;
      Set<String> expected = new TreeSet<>();
      Set<String> subjects = tenant.subjectsOf("u-1", DOMAIN);
      for (Map<String, Object> row : rows) {
        boolean allowed =
            enforcer.enforce("u-1", DOMAIN, "story", "read", new Attributes(user, row));
        assertEquals(
            allowed,
            tenant.decide(subjects, DOMAIN, "story", "read", new Attributes(user, row)),
            () -> "seed " + seed + ": the rule index and jCasbin disagree on " + rules);
        if (allowed) {
          expected.add((String) row.get("id"));
        }
        decisions++;
      }
      assertEquals(
          expected,
          select(filter),
          () -> "seed " + seed + ": rules " + rules + " " + conditions + ", user " + user);
    }
    int checked = decisions;
    int sets = compiled;
    assertTrue(checked >= 10_000, () -> "only " + checked + " decisions in " + sets + " rule sets");
    System.out.println(
        "ReadFilterPropertyIT: "
            + checked
            + " row decisions agreed, "
            + sets
            + " rule sets, seed "
            + seed);
  }

  private static Set<String> select(SqlPredicate filter) throws SQLException {
    String where =
        filter instanceof SqlPredicate.Constant c
            ? Boolean.toString(c.value())
            : ((SqlPredicate.Sql) filter).text();
    List<Object> params = filter instanceof SqlPredicate.Sql s ? s.params() : List.of();
    Set<String> ids = new TreeSet<>();
    try (PreparedStatement q = db.prepareStatement("SELECT id FROM pe_rows WHERE " + where)) {
      for (int i = 0; i < params.size(); i++) {
        q.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(Integer.toString(rs.getInt(1)));
        }
      }
    }
    return ids;
  }

  private static Map<String, Object> user(Random random, List<String> roles) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", pick(random, UUIDS));
    user.put("roles", roles);
    List<String> courses = new ArrayList<>();
    for (String u : UUIDS) {
      if (random.nextBoolean()) {
        courses.add(u);
      }
    }
    user.put("courses", courses);
    user.put("level", random.nextInt(4) == 0 ? null : pick(random, SCALARS));
    user.put("n", pick(random, List.of(1, 2, 10, new BigDecimal("2.5"))));
    return user;
  }

  /** A random valid condition document, parsed by the real parser. */
  private static Condition condition(Random random) {
    while (true) {
      JsonArrayBuilder doc = Json.createArrayBuilder();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        JsonObjectBuilder item = Json.createObjectBuilder(node(random, 0));
        if (i > 0 && random.nextInt(3) == 0) {
          item.add("logic", "or");
        }
        doc.add(item);
      }
      try {
        return ConditionParser.parse(doc.build(), "story");
      } catch (ConditionSyntaxException invalid) {
        // e.g. gt against a list: the parser refuses it, so rules never hold it; draw again
      }
    }
  }

  private static jakarta.json.JsonObject node(Random random, int depth) {
    int kind = depth < 2 ? random.nextInt(8) : 0;
    if (kind == 6) {
      return Json.createObjectBuilder()
          .add(
              random.nextBoolean() ? "and" : "or",
              Json.createArrayBuilder().add(node(random, depth + 1)).add(node(random, depth + 1)))
          .build();
    }
    if (kind == 7) {
      return Json.createObjectBuilder().add("not", node(random, depth + 1)).build();
    }
    boolean resourceLeft = random.nextInt(3) != 0;
    String field =
        resourceLeft
            ? "resource." + pick(random, new ArrayList<>(COLUMNS.keySet()))
            : pick(random, USER_FIELDS);
    String operator = pick(random, List.of("eq", "ne", "in", "nin", "gt", "lt", "contains"));
    JsonObjectBuilder leaf =
        Json.createObjectBuilder().add("field", field).add("operator", operator);
    int valueKind = random.nextInt(10);
    if (valueKind < 3) {
      leaf.add(
          "value",
          resourceLeft
              ? pick(random, USER_FIELDS)
              : "resource." + pick(random, new ArrayList<>(COLUMNS.keySet())));
    } else if (valueKind < 5) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      int size = 1 + random.nextInt(3);
      for (int i = 0; i < size; i++) {
        list.add(json(random.nextInt(8) == 0 ? null : pick(random, SCALARS)));
      }
      leaf.add("value", list);
    } else if (valueKind == 5) {
      leaf.addNull("value");
    } else {
      leaf.add("value", json(pick(random, SCALARS)));
    }
    return leaf.build();
  }

  private static JsonValue json(Object v) {
    if (v == null) {
      return JsonValue.NULL;
    }
    if (v instanceof Boolean b) {
      return b ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (v instanceof BigDecimal d) {
      return Json.createValue(d);
    }
    return Json.createValue((String) v);
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
