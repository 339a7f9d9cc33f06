package org.vivacite.sparql.functions;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.lang3.StringUtils;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionBase;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.FmtUtils;

/**
 * Regular expressions as Jena evaluates them ({@code java.util.regex}, the flags {@code s m i x q},
 * Jena's {@code REPLACE} rules), except that the matcher reads the text through a view that
 * throws {@link QueryCancelledException} once the query is cancelled: its time limit stops a
 * pattern that backtracks without end, which {@code java.util.regex} alone never does.
 */
final class Regexes {

    private Regexes() {}

    /** The query's cancellation flag, set when its time limit passes. */
    private static AtomicBoolean cancelSignal(FunctionEnv env) {
        AtomicBoolean signal = null;
        if (env instanceof ExecutionContext execution) {
            signal = execution.getCancelSignal();
        } else if (env != null) {
            signal = Context.getCancelSignal(env.getContext());
        }
        if (signal == null) {
            // Evaluation outside an execution (constant folding while the query is planned): wait for
            // the execution, whose flag can stop the match.
            throw new ExprEvalException("a regular expression is evaluated only while its query runs");
        }
        return signal;
    }

    /** The pattern of {@code REGEX}, checked as {@code E_Regex} checks it. */
    static Pattern regexPattern(NodeValue pattern, NodeValue flags) {
        if (!pattern.isString()) {
            throw new ExprException("REGEX: Pattern is not a string: " + pattern);
        }
        if (flags != null && !flags.isString()) {
            throw new ExprException("REGEX: Pattern flags are not a string: " + flags);
        }
        return regexPattern(pattern.getString(), flags == null ? null : flags.getString());
    }

    private static Pattern regexPattern(String pattern, String flags) {
        if (flags != null && !StringUtils.containsOnly(flags, "smixq")) {
            throw new ExprEvalException(
                    "REGEX: Only 'smixq' are legal as pattern flags: got \"" + FmtUtils.stringEsc(flags) + "\"");
        }
        return RegexEngine.makePattern("Regex", pattern, flags);
    }

    /** The pattern of {@code REPLACE}, checked as {@code XSDFuncOp.strReplace} checks it. */
    static Pattern replacePattern(NodeValue pattern, NodeValue flags) {
        String p = NodeValueOps.checkAndGetStringLiteral("replace", pattern).getLiteralLexicalForm();
        String f = flags == null
                ? null
                : NodeValueOps.checkAndGetStringLiteral("replace", flags).getLiteralLexicalForm();
        return RegexEngine.makePattern("replace", p, f);
    }

    /**
     * {@code REGEX}: whether the pattern occurs in the text, a string literal (checked first, as
     * {@code E_Regex} does).
     */
    static NodeValue matches(NodeValue text, Supplier<Pattern> pattern, FunctionEnv env) {
        String lexical = NodeValueOps.checkAndGetStringLiteral("REGEX", text).getLiteralLexicalForm();
        AtomicBoolean cancelled = cancelSignal(env);
        return NodeValue.booleanReturn(
                pattern.get().matcher(new InterruptibleText(lexical, cancelled)).find());
    }

    /**
     * {@code REPLACE}, with Jena's rules: the text unchanged when nothing matched, and an empty
     * match only where nothing matched before (F&O makes it an error; SPARQL has no such errors).
     */
    static NodeValue replace(NodeValue text, Pattern pattern, NodeValue replacement, FunctionEnv env) {
        AtomicBoolean cancelled = cancelSignal(env);
        Node literal = NodeValueOps.checkAndGetStringLiteral("replace", text);
        String lexical = literal.getLiteralLexicalForm();
        String by =
                NodeValueOps.checkAndGetStringLiteral("replace", replacement).getLiteralLexicalForm();
        Matcher matcher = pattern.matcher(new InterruptibleText(lexical, cancelled));
        StringBuilder result = null;
        try {
            while (matcher.find()) {
                if (result == null) {
                    result = new StringBuilder();
                } else if (matcher.start() == matcher.end()) {
                    continue;
                }
                matcher.appendReplacement(result, by);
            }
        } catch (IndexOutOfBoundsException e) {
            throw new ExprEvalException("IndexOutOfBounds", e);
        }
        if (result == null) {
            return text;
        }
        matcher.appendTail(result);
        String replaced = result.toString();
        if (replaced.equals(lexical)) {
            return text;
        }
        return NodeValue.makeNode(
                NodeFactory.createLiteral(replaced, literal.getLiteralLanguage(), literal.getLiteralDatatype()));
    }

    /** {@code fn:matches} and {@code sparql:regex}: {@code REGEX} as a function. */
    static final class Matches extends FunctionBase {
        @Override
        public void checkBuild(String uri, ExprList args) {
            if (args.size() != 2 && args.size() != 3) {
                throw new ExprEvalException("matches: Wrong number of arguments: Wanted 2 or 3, got " + args.size());
            }
        }

        @Override
        protected NodeValue exec(List<NodeValue> args, FunctionEnv env) {
            // As fn:matches: a pattern or flags that are not strings are evaluation errors.
            Pattern pattern = regexPattern(
                    args.get(1).getString(), args.size() == 3 ? args.get(2).getString() : null);
            return matches(args.get(0), () -> pattern, env);
        }

        @Override
        public NodeValue exec(List<NodeValue> args) {
            return exec(args, null);
        }
    }

    /** {@code fn:replace} and {@code sparql:replace}: {@code REPLACE} as a function. */
    static final class Replace extends FunctionBase {
        @Override
        public void checkBuild(String uri, ExprList args) {
            if (args.size() != 3 && args.size() != 4) {
                throw new ExprEvalException("fn:replace: Wrong number of arguments: Wanted 3 or 4, got " + args.size());
            }
        }

        @Override
        protected NodeValue exec(List<NodeValue> args, FunctionEnv env) {
            Pattern pattern = replacePattern(args.get(1), args.size() == 4 ? args.get(3) : null);
            return replace(args.get(0), pattern, args.get(2), env);
        }

        @Override
        public NodeValue exec(List<NodeValue> args) {
            return exec(args, null);
        }
    }

    /** The text a matcher reads: each character it looks at first checks that the query still runs. */
    private record InterruptibleText(String text, int start, int end, AtomicBoolean cancelled) implements CharSequence {

        InterruptibleText(String text, AtomicBoolean cancelled) {
            this(text, 0, text.length(), cancelled);
        }

        @Override
        public char charAt(int index) {
            if (cancelled.get()) {
                throw new QueryCancelledException();
            }
            return text.charAt(start + index);
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new InterruptibleText(text, start + from, start + to, cancelled);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }
}
