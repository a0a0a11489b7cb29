package dev.latchkey.inspections.source;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.latchkey.checks.model.Node;
import dev.latchkey.inspections.source.Frames.JumpFrame;

/**
 * Loops: the condition is tested at the head (after the body for {@code do}), {@code continue} goes
 * to the head (the update of a {@code for}), {@code break} after the loop. An enhanced {@code for}
 * over an Iterable calls {@code iterator()}, then {@code hasNext()} and {@code next()} each time
 * round, as javac's desugaring does; over an array it calls nothing.
 */
final class Loops {
  private final BodyTranslator body;

  Loops(BodyTranslator body) {
    this.body = body;
  }

  Node translate(Statement loop, String label, Node cur) {
    Node after = body.model.nop(-1, null);
    if (loop instanceof WhileStmt whileStmt) {
      Node head = body.append(cur, body.model.nop(-1, null));
      Node bodyStart = body.model.nop(-1, null);
      body.expressions.condition(whileStmt.getCondition(), head, bodyStart, after);
      run(loop, label, after, head, whileStmt.getBody(), bodyStart, head);
    } else if (loop instanceof DoStmt doStmt) {
      Node bodyStart = body.append(cur, body.model.nop(-1, null));
      Node test = body.model.nop(-1, null);
      run(loop, label, after, test, doStmt.getBody(), bodyStart, test);
      if (body.reachedNode(test) != null) {
        body.expressions.condition(doStmt.getCondition(), test, bodyStart, after);
      }
    } else if (loop instanceof ForStmt forStmt) {
      Node at = cur;
      for (Expression init : forStmt.getInitialization()) {
        at = body.expressions.statementExpression(init, at);
      }
      Node head = body.append(at, body.model.nop(-1, null));
      Node bodyStart = body.model.nop(-1, null);
      if (forStmt.getCompare().isPresent()) {
        body.expressions.condition(forStmt.getCompare().get(), head, bodyStart, after);
      } else {
        body.edge(head, bodyStart);
      }
      Node update = body.model.nop(-1, null);
      run(loop, label, after, update, forStmt.getBody(), bodyStart, update);
      if (body.reachedNode(update) != null) {
        Node end = update;
        for (Expression step : forStmt.getUpdate()) {
          end = body.expressions.statementExpression(step, end);
        }
        body.edge(end, head);
      }
    } else if (loop instanceof ForEachStmt forEach) {
      forEach(forEach, label, cur, after);
    }
    return body.reachedNode(after);
  }

  private void forEach(ForEachStmt loop, String label, Node cur, Node after) {
    Node at = body.expressions.eval(loop.getIterable(), cur);
    boolean array = body.expressions.isArray(loop.getIterable());
    if (!array) {
      at = body.expressions.iteratorCall(loop, at);
    }
    Node head = body.append(at, body.model.nop(-1, null));
    Node test = array ? head : body.expressions.hasNextCall(loop, head);
    Node bodyStart = body.model.nop(-1, null);
    body.edge(test, bodyStart);
    body.edge(test, after);
    Node element = array ? bodyStart : body.expressions.nextCall(loop, bodyStart);
    run(loop, label, after, head, loop.getBody(), element, head);
  }

  /** The body, in the loop's frame; falling out of it goes to {@code back}. */
  private void run(
      Statement loop,
      String label,
      Node after,
      Node continueTarget,
      Statement loopBody,
      Node start,
      Node back) {
    JumpFrame frame = new JumpFrame(loop, label, true, true, after, continueTarget);
    Node end = body.inFrame(frame, () -> body.statement(loopBody, body.reachedNode(start)));
    if (end != null) {
      body.edge(end, back);
    }
  }
}
