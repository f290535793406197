package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbCreator;
import java.util.UUID;
import org.lectern.approval.ApprovableAct;

/**
 * {@code story:publish}: publishing a story's latest version, under approval by default. The
 * payload names the story; the version published is the latest, which the approval's version check
 * keeps as it was requested.
 */
@ApplicationScoped
public class StoryPublishAct implements ApprovableAct<StoryPublishAct.Payload> {

  /** What a pending story publication stores: {@code {"storyId": "..."}}. */
  public record Payload(UUID storyId) {
    @JsonbCreator
    public Payload {}
  }

  @Inject StoryCommands stories;

  @Override
  public String entityType() {
    return Story.RESOURCE;
  }

  @Override
  public String action() {
    return "publish";
  }

  @Override
  public boolean byDefault() {
    return true;
  }

  @Override
  public Class<Payload> payloadType() {
    return Payload.class;
  }

  @Override
  public Payload payload(UUID storyId) {
    return new Payload(storyId);
  }

  @Override
  public UUID entityId(Payload payload) {
    return payload.storyId();
  }

  @Override
  public void execute(Payload payload) {
    stories.publish(payload.storyId());
  }
}
