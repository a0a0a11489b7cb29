package dev.latchkey.checks.lockset;

import dev.latchkey.checks.model.LockPath;
import dev.latchkey.checks.model.Node;
import java.util.List;

/**
 * What a call does to the caller's locks when the callee's body is known: the locks it returns
 * holding (an acquire helper such as {@code lockAll()}, or a method that returns a closeable guard
 * after locking: {@code try (Section s = openSection()) {..}}), and the locks it releases without
 * taking them (a release helper), both in the caller's terms.
 */
interface CallEffects {
  CallEffects NONE =
      new CallEffects() {
        @Override
        public List<LockPath> acquires(Node call) {
          return List.of();
        }

        @Override
        public List<LockPath> releases(Node call) {
          return List.of();
        }
      };

  List<LockPath> acquires(Node call);

  List<LockPath> releases(Node call);
}
