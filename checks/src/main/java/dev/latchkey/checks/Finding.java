package dev.latchkey.checks;

import dev.latchkey.checks.model.Node;
import java.util.List;

/**
 * A defect the core found: the check, where to report it (a node of the method model, which the
 * front-end maps back to its host's position), related places, and a message a person can follow.
 */
public record Finding(CheckId check, Node primary, List<Node> related, String message) {
  public Finding {
    related = List.copyOf(related);
  }

  /** The check's suggested fix, in words; front-ends that can edit code offer it as a fix. */
  public String fixHint() {
    return check.fixHint();
  }
}
