package org.lectern.access;

import java.util.List;

/** A ResourcePolicy's definition, checked: conditions are canonical JSON text. */
public record PolicyDefinition(
    String name,
    String description,
    String resource,
    List<String> actions,
    String conditions,
    ResourcePolicy.Effect effect,
    int priority,
    boolean active) {}
