package org.vivacite.app.security;

/**
 * The gateway the demo city's devices report through with {@code --demo}: its id and bearer
 * token (kept in {@code {data}/credentials}, never logged).
 */
public record DemoGateway(String id, String token) {

    @Override
    public String toString() {
        return "DemoGateway[" + id + "]";
    }
}
