package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The IT server draws class codes from two letters over six places (arquillian.xml: {@code
 * lectern.classroom.code-alphabet=AB}), 64 codes per school, so that classrooms collide. Half the
 * space filled, some sequentially, some at once, collisions are certain; every classroom still ends
 * with a code of its own, because the unique index refuses a taken one and the code is drawn again,
 * and the database refuses a duplicate however it is written.
 */
class ClassCodeCollisionIT extends ApiTestBase {

  @Test
  void theUniqueIndexAndARetryKeepCodesUniqueWhenTheyCollide() throws Exception {
    Schools.School school = schools.newSchool();
    Schools.Person teacher = schools.person(school, "teacher");
    List<String> codes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Api.Response r = create(teacher.token(), "Class " + i);
      assertEquals(201, r.status(), r::toString);
      codes.add(r.json().getString("classCode"));
      ids.add(r.json().getString("id"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Api.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String name = "Burst " + i;
        calls.add(() -> create(teacher.token(), name));
      }
      for (Future<Api.Response> f : pool.invokeAll(calls)) {
        Api.Response r = f.get();
        assertEquals(201, r.status(), r::toString);
        codes.add(r.json().getString("classCode"));
      }
    } finally {
      pool.shutdown();
    }
    for (String code : codes) {
      assertTrue(code.matches("^[AB]{6}$"), "the narrowed code space is in use: " + code);
    }
    Set<String> distinct = new HashSet<>(codes);
    assertEquals(codes.size(), distinct.size(), "duplicate codes: " + codes);

    // However a duplicate is written, the database refuses it.
    try (Connection c = Db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE classrooms SET class_code = ? WHERE tenant_id = ?::uuid AND id = ?::uuid")) {
      ps.setString(1, codes.get(0));
      ps.setString(2, school.id());
      ps.setString(3, ids.get(1));
      SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
      assertEquals("23505", e.getSQLState(), e::getMessage);
    }
  }

  private Api.Response create(String token, String name) {
    return api.post("/api/classrooms").token(token).json(Api.obj("name", name)).send();
  }
}
