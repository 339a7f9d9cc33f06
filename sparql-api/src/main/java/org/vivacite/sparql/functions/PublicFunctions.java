package org.vivacite.sparql.functions;

import java.util.Iterator;
import java.util.Map;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.Rewrite;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.function.FunctionFactory;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.pfunction.PropertyFunctionFactory;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Context;

/**
 * What a public query may call: the functions and property functions registered in Jena (SPARQL
 * 1.1, XPath {@code fn:} and {@code math:}, GeoSPARQL, text search), never a class loaded because a
 * query names it ({@code <java:…>}, or Jena's {@code afn:}/{@code apf:} libraries found by class
 * name); and regular expressions ({@code REGEX}, {@code REPLACE}, {@code fn:matches}, {@code
 * fn:replace}) that the query's time limit stops, with Jena's semantics otherwise.
 *
 * <p>All of it rides in the query's execution context, so it applies to the queries of the public
 * endpoint only, on an embedded store (a remote one evaluates queries itself).
 */
public final class PublicFunctions {

    private static final String FN = "http://www.w3.org/2005/xpath-functions#";

    /** The function IRIs that match regular expressions, and what runs them instead. */
    private static final Map<String, FunctionFactory> REGEX_FUNCTIONS = Map.of(
            FN + "matches", uri -> new Regexes.Matches(),
            ARQConstants.sparqlPrefix + "regex", uri -> new Regexes.Matches(),
            FN + "replace", uri -> new Regexes.Replace(),
            ARQConstants.sparqlPrefix + "replace", uri -> new Regexes.Replace());

    private PublicFunctions() {}

    /** Puts a query execution with this context under these rules. */
    public static void configure(Context context) {
        FunctionRegistry.set(context, new RegisteredFunctions(FunctionRegistry.get()));
        PropertyFunctionRegistry.set(context, new RegisteredPropertyFunctions(PropertyFunctionRegistry.get()));
        context.set(ARQConstants.sysOptimizerFactory, (RewriteFactory) PublicFunctions::optimizer);
    }

    /** Jena's optimizer, after {@code REGEX} and {@code REPLACE} are swapped for their interruptible twins. */
    private static Rewrite optimizer(Context context) {
        Rewrite standard = Optimize.getFactory().create(context);
        return op -> standard.rewrite(interruptible(op));
    }

    /**
     * Every {@code REGEX} and {@code REPLACE} of the algebra, in filters, assignments, groups,
     * orders and {@code EXISTS}, made interruptible. Done before Jena's optimizer, whose constant
     * folding would otherwise run them without a time limit.
     */
    static Op interruptible(Op op) {
        return Walker.transform(op, new TransformCopy(), new ExprTransformCopy() {
            @Override
            public Expr transform(ExprFunctionN function, ExprList args) {
                if (function instanceof E_Regex && !(function instanceof InterruptibleRegex)) {
                    return new InterruptibleRegex(args.get(0), args.get(1), args.size() == 2 ? null : args.get(2));
                }
                if (function instanceof E_StrReplace && !(function instanceof InterruptibleReplace)) {
                    return new InterruptibleReplace(
                            args.get(0), args.get(1), args.get(2), args.size() == 3 ? null : args.get(3));
                }
                return super.transform(function, args);
            }
        });
    }

    /** The functions registered in Jena (read live: GeoSPARQL registers its own at start-up); nothing loaded. */
    private static final class RegisteredFunctions extends FunctionRegistry {

        private final FunctionRegistry registered;

        RegisteredFunctions(FunctionRegistry registered) {
            this.registered = registered;
        }

        @Override
        public FunctionFactory get(String uri) {
            FunctionFactory regex = REGEX_FUNCTIONS.get(uri);
            if (regex != null) {
                return regex;
            }
            return registered.isRegistered(uri) ? registered.get(uri) : null;
        }

        @Override
        public boolean isRegistered(String uri) {
            return REGEX_FUNCTIONS.containsKey(uri) || registered.isRegistered(uri);
        }

        @Override
        public Iterator<String> keys() {
            return registered.keys();
        }

        @Override
        public void put(String uri, FunctionFactory f) {
            throw new UnsupportedOperationException("the functions of public queries are fixed: " + uri);
        }

        @Override
        public FunctionFactory remove(String uri) {
            throw new UnsupportedOperationException("the functions of public queries are fixed: " + uri);
        }
    }

    /** The property functions registered in Jena (text search, GeoSPARQL, lists); nothing loaded. */
    private static final class RegisteredPropertyFunctions extends PropertyFunctionRegistry {

        private final PropertyFunctionRegistry registered;

        RegisteredPropertyFunctions(PropertyFunctionRegistry registered) {
            this.registered = registered;
        }

        @Override
        public boolean manages(String uri) {
            return registered.isRegistered(uri);
        }

        @Override
        public boolean isRegistered(String uri) {
            return registered.isRegistered(uri);
        }

        @Override
        public PropertyFunctionFactory get(String uri) {
            return registered.isRegistered(uri) ? registered.get(uri) : null;
        }

        @Override
        public Iterator<String> keys() {
            return registered.keys();
        }

        @Override
        public void put(String uri, PropertyFunctionFactory factory) {
            throw new UnsupportedOperationException("the property functions of public queries are fixed: " + uri);
        }

        @Override
        public PropertyFunctionFactory remove(String uri) {
            throw new UnsupportedOperationException("the property functions of public queries are fixed: " + uri);
        }
    }
}
