package org.lectern.classroom;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A link to a student's work (a document, a recording), as turned in with a submission. */
public record Attachment(
    @NotNull
        @Size(max = 2000)
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String url,
    @Size(max = 255) String title) {
  @JsonbCreator
  public Attachment {}
}
