package dev.lakehouse.stack;

/** The result of one health probe: which component, whether it answered, and what it said. */
public record ComponentHealth(String component, boolean healthy, String detail) {}
