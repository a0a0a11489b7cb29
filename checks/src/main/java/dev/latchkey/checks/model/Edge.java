package dev.latchkey.checks.model;

/** A control-flow edge of a method model. */
public record Edge(EdgeKind kind, Node target) {}
