package org.lectern.it.probe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/**
 * Test-only: added to the war by the integration tests, never part of the product. Runs a
 * deliberately unfiltered native query (no tenant predicate, around TenantEntityManager) on the
 * application's own connections, so a test can see what row-level security alone lets through: the
 * number of rows per tenant of a table, outside a transaction or inside one.
 */
@RequestScoped
@Path("/test-only/rows")
public class RowSecurityProbe {

  private static final Set<String> TABLES = Set.of("users", "stories", "roles", "audit_logs");

  @PersistenceContext(unitName = "lectern")
  EntityManager em;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject rows(@QueryParam("table") String table) {
    return count(table);
  }

  @GET
  @Path("in-transaction")
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  public JsonObject rowsInTransaction(@QueryParam("table") String table) {
    return count(table);
  }

  private JsonObject count(String table) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("not a probed table: " + table);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT CAST(tenant_id AS text), count(*) FROM " + table + " GROUP BY 1")
            .setHint("eclipselink.jdbc.allow-native-sql-query", true)
            .getResultList();
    JsonObjectBuilder perTenant = Json.createObjectBuilder();
    for (Object[] row : rows) {
      perTenant.add((String) row[0], ((Number) row[1]).longValue());
    }
    return Json.createObjectBuilder().add("rowsPerTenant", perTenant).build();
  }
}
