package org.vivacite.sparql.functions;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;

/** {@code REPLACE} as Jena evaluates it, whose matches the query's time limit stops (Regexes). */
final class InterruptibleReplace extends E_StrReplace {

    /** The pattern, compiled once when it and its flags are constant strings; else null. */
    private final Pattern constant;

    InterruptibleReplace(Expr text, Expr pattern, Expr replacement, Expr flags) {
        super(text, pattern, replacement, flags);
        boolean fixed = isString(pattern) && (flags == null || isString(flags));
        this.constant = fixed
                ? Regexes.replacePattern(pattern.getConstant(), flags == null ? null : flags.getConstant())
                : null;
    }

    private static boolean isString(Expr expr) {
        return expr.isConstant() && expr.getConstant().isString();
    }

    @Override
    public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
        Pattern pattern = constant != null
                ? constant
                : Regexes.replacePattern(args.get(1), args.size() == 3 ? null : args.get(3));
        return Regexes.replace(args.get(0), pattern, args.get(2), env);
    }

    /** Without the query's execution (constant folding): left for the execution to evaluate. */
    @Override
    public NodeValue eval(List<NodeValue> args) {
        throw new ExprEvalException("REPLACE is evaluated only while its query runs");
    }

    @Override
    public Expr copy(ExprList args) {
        return new InterruptibleReplace(args.get(0), args.get(1), args.get(2), args.size() == 3 ? null : args.get(3));
    }
}
