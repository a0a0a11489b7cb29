package dev.latchkey.checks.fix;

/** A replacement of the source text between two offsets ({@code start == end}: an insertion). */
public record TextEdit(int start, int end, String text) {}
