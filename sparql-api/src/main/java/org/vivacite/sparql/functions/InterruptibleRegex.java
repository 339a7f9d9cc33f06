package org.vivacite.sparql.functions;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;

/** {@code REGEX} as Jena evaluates it, whose match the query's time limit stops (Regexes). */
final class InterruptibleRegex extends E_Regex {

    /** The pattern, compiled once when it and its flags are constants; else null. */
    private final Pattern constant;

    InterruptibleRegex(Expr text, Expr pattern, Expr flags) {
        super(text, pattern, flags);
        boolean fixed =
                pattern.isConstant() && pattern.getConstant().isString() && (flags == null || flags.isConstant());
        this.constant =
                fixed ? Regexes.regexPattern(pattern.getConstant(), flags == null ? null : flags.getConstant()) : null;
    }

    @Override
    public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
        return Regexes.matches(
                args.get(0),
                () -> constant != null
                        ? constant
                        : Regexes.regexPattern(args.get(1), args.size() == 2 ? null : args.get(2)),
                env);
    }

    /** Without the query's execution (constant folding): left for the execution to evaluate. */
    @Override
    public NodeValue eval(List<NodeValue> args) {
        throw new ExprEvalException("REGEX is evaluated only while its query runs");
    }

    @Override
    public Expr copy(ExprList args) {
        return new InterruptibleRegex(args.get(0), args.get(1), args.size() == 2 ? null : args.get(2));
    }
}
