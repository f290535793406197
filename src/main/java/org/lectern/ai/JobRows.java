package org.lectern.ai;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.ai.AiDtos.JobView;
import org.lectern.ai.AiDtos.Kind;
import org.lectern.ai.AiDtos.Moderation;
import org.lectern.ai.AiDtos.Status;
import org.lectern.platform.Jsons;
import org.lectern.platform.SqlValues;

/** How a job row is read: one column list for every query, one mapper. */
final class JobRows {

  private JobRows() {}

  /** The columns of {@link #view}, in its order, for a table aliased {@code j}. */
  static final String COLUMNS =
      "j.id, j.kind, j.story_id, j.story_version, j.chunk, CAST(j.parameters AS text),"
          + " j.requested_by, j.status, j.progress, j.attempts, j.max_attempts, j.next_run_at,"
          + " j.error_code, j.error, CAST(j.result AS text), j.moderation_status,"
          + " j.moderation_stage, CAST(array_to_json(j.moderation_reasons) AS text),"
          + " j.reviewed_by, j.reviewed_at, j.created_at, j.started_at, j.finished_at,"
          + " j.updated_at";

  static JobView view(Object[] r) {
    return new JobView(
        (UUID) r[0],
        Kind.valueOf((String) r[1]),
        (UUID) r[2],
        r[3] == null ? null : ((Number) r[3]).intValue(),
        r[4] == null ? null : ((Number) r[4]).intValue(),
        object((String) r[5]),
        (UUID) r[6],
        Status.valueOf((String) r[7]),
        ((Number) r[8]).intValue(),
        ((Number) r[9]).intValue(),
        ((Number) r[10]).intValue(),
        SqlValues.instant(r[11]),
        (String) r[12],
        (String) r[13],
        r[14] == null ? null : object((String) r[14]),
        Moderation.valueOf((String) r[15]),
        (String) r[16],
        strings((String) r[17]),
        (UUID) r[18],
        SqlValues.instant(r[19]),
        SqlValues.instant(r[20]),
        SqlValues.instant(r[21]),
        SqlValues.instant(r[22]),
        SqlValues.instant(r[23]));
  }

  static JsonObject object(String json) {
    try (var reader = Jsons.provider().createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  static List<String> strings(String jsonArray) {
    if (jsonArray == null) {
      return List.of();
    }
    try (var reader = Jsons.provider().createReader(new StringReader(jsonArray))) {
      JsonArray a = reader.readArray();
      return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
  }

  /**
   * What the audit trail records of a job: its state and the ids of what it made, not its
   * parameters or the generated material itself.
   */
  static Map<String, Object> auditState(JobView j) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("kind", j.kind().name());
    m.put("storyId", j.storyId().toString());
    m.put("status", j.status().name());
    m.put("attempts", j.attempts());
    m.put("moderationStatus", j.moderationStatus().name());
    m.put("moderationReasons", j.moderationReasons());
    if (j.errorCode() != null) {
      m.put("errorCode", j.errorCode());
      m.put("error", j.error());
    }
    if (j.result() != null) {
      Map<String, Object> made = new java.util.LinkedHashMap<>();
      j.result()
          .forEach(
              (key, value) -> {
                if (key.endsWith("Id") || key.endsWith("Ids") || key.equals("material")) {
                  made.put(key, value.toString());
                }
              });
      m.put("result", made);
    }
    return m;
  }
}
