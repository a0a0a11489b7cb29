package dev.latchkey.checks;

import dev.latchkey.checks.model.Node;
import java.util.List;

/**
 * A defect the core found: the check, where to report it (a node of the method model, which the
 * front-end maps back to its host's position), related places, and a message a person can follow.
 *
 * @param related the related places that are nodes of the analysed class (a subset of {@code
 *     relatedLocations}, for front-ends that only map nodes)
 * @param relatedLocations every related place, in the analysed class or in another one (lock order
 *     across classes): front-ends report each with its description, by node when it has one and by
 *     class and line otherwise
 * @param fingerprint what identifies the defect across edits that move it ({@link Fingerprints}):
 *     set by {@link Latchkey#analyze} once the finding's class and method are known, null before
 */
public record Finding(
    CheckId check,
    Node primary,
    List<Node> related,
    String message,
    List<RelatedLocation> relatedLocations,
    String fingerprint) {
  public Finding {
    related = List.copyOf(related);
    relatedLocations = List.copyOf(relatedLocations);
  }

  public Finding(
      CheckId check,
      Node primary,
      List<Node> related,
      String message,
      List<RelatedLocation> relatedLocations) {
    this(check, primary, related, message, relatedLocations, null);
  }

  public Finding(CheckId check, Node primary, List<Node> related, String message) {
    this(check, primary, related, message, List.of());
  }

  /** This finding with its fingerprint. */
  public Finding withFingerprint(String fingerprint) {
    return new Finding(check, primary, related, message, relatedLocations, fingerprint);
  }

  /** A finding whose related places are {@code locations}; {@code related} are their nodes. */
  public static Finding withLocations(
      CheckId check, Node primary, String message, List<RelatedLocation> locations) {
    List<Node> nodes =
        locations.stream().map(RelatedLocation::node).filter(n -> n != null).toList();
    return new Finding(check, primary, nodes, message, locations);
  }

  /** The check's suggested fix, in words; front-ends that can edit code offer it as a fix. */
  public String fixHint() {
    return check.fixHint();
  }
}
