package dev.latchkey.checks;

import dev.latchkey.checks.model.MethodRef;
import dev.latchkey.checks.model.Node;

/**
 * A place related to a finding, possibly in another class than the one analysed (the other
 * acquisitions of a lock-order cycle).
 *
 * @param className binary name of the class the place is in
 * @param method the method it is in
 * @param line its source line, or -1 when unknown
 * @param description what happens there, for the report ("`audit()` takes `Ledger.LOCK` then
 *     `this.lock`")
 * @param node the model node when the place is in the analysed class, else null (the front-end then
 *     reports it by class and line)
 */
public record RelatedLocation(
    String className, MethodRef method, int line, String description, Node node) {}
