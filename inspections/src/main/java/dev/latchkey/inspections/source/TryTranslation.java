package dev.latchkey.inspections.source;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.latchkey.checks.model.Node;
import dev.latchkey.inspections.source.Frames.Finally;
import dev.latchkey.inspections.source.Frames.Handler;
import dev.latchkey.inspections.source.Frames.HandlerFrame;
import dev.latchkey.inspections.source.Frames.TryFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code try} statement: resources are declared and closed (in reverse order, on every way out,
 * as finally code), the block runs with the handlers and finally code around it, each handler that
 * an exception reaches starts with its CATCH node and ends with CATCH_END where control falls out
 * of it, and the finally code runs after the block and after each handler.
 */
final class TryTranslation {
  private final BodyTranslator body;

  TryTranslation(BodyTranslator body) {
    this.body = body;
  }

  Node translate(TryStmt s, Node cur) {
    Finally fin =
        s.getFinallyBlock()
            .map(block -> new Finally(at -> body.statement(block, at), body.frames()))
            .orElse(null);
    List<Handler> handlers = new ArrayList<>();
    for (CatchClause clause : s.getCatchClauses()) {
      handlers.add(body.handler(clause, s));
    }
    Node after = body.model.nop(-1, null);
    TryFrame frame = new TryFrame(handlers, fin);
    Node blockEnd = body.inFrame(frame, () -> resourcesAndBlock(s, 0, cur));
    if (blockEnd != null && fin != null) {
      blockEnd = body.runFinallyCopy(fin, blockEnd);
    }
    if (blockEnd != null) {
      body.edge(blockEnd, after);
    }
    for (int i = 0; i < handlers.size(); i++) {
      Node entry = handlers.get(i).nodeIfReached();
      if (entry == null) {
        continue; // nothing thrown in the block reaches this handler
      }
      CatchClause clause = s.getCatchClauses().get(i);
      TryFrame finallyOnly = new TryFrame(List.of(), fin);
      Node end =
          body.inFrame(
              finallyOnly,
              () ->
                  body.inFrame(
                      new HandlerFrame(entry), () -> body.statement(clause.getBody(), entry)));
      if (end != null) {
        end = body.append(end, body.model.catchEnd(entry));
        if (fin != null) {
          end = body.runFinallyCopy(fin, end);
        }
      }
      if (end != null) {
        body.edge(end, after);
      }
    }
    return body.reachedNode(after);
  }

  /** Resource {@code index} onwards, then the block; each resource closes on the way out. */
  private Node resourcesAndBlock(TryStmt s, int index, Node cur) {
    if (index >= s.getResources().size()) {
      return body.statement(s.getTryBlock(), cur);
    }
    Expression resource = s.getResources().get(index);
    Node at = body.expressions.resource(resource, cur);
    List<VariableDeclarator> variables = BodyTranslator.declared(resource);
    VariableDeclarator variable = variables.isEmpty() ? null : variables.get(0);
    Finally close = new Finally(body.closeCode(resource, variable, s), body.frames());
    Node end =
        body.inFrame(new TryFrame(List.of(), close), () -> resourcesAndBlock(s, index + 1, at));
    return end == null ? null : body.runFinallyCopy(close, end);
  }
}
