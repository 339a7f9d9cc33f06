package org.vivacite.ontology.shacl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of a SHACL validation, in words a person can act on.
 *
 * @param violations one entry per broken constraint; empty when the data conform
 */
public record ShapeReport(List<Violation> violations) {

    /**
     * One broken constraint.
     *
     * @param focusNode the resource that breaks it
     * @param path the property concerned, or empty for a node-level rule
     * @param value the offending value, or empty
     * @param message what is wrong, from the shape's {@code sh:message}
     */
    public record Violation(String focusNode, String path, String value, String message) {

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("<").append(focusNode).append(">");
            if (!path.isEmpty()) {
                s.append(" ").append(path);
            }
            if (!value.isEmpty()) {
                s.append(" = ").append(value);
            }
            return s.append(": ").append(message).toString();
        }
    }

    public ShapeReport {
        violations = List.copyOf(violations);
    }

    public boolean conforms() {
        return violations.isEmpty();
    }

    /** One line per violation, or "conforms". */
    public String toText() {
        return conforms()
                ? "conforms"
                : violations.stream().map(Violation::toString).collect(Collectors.joining("\n"));
    }
}
