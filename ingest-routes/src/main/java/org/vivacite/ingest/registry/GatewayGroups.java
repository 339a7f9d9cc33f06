package org.vivacite.ingest.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Named sets of gateways, which a registry row names as {@code group:NAME} in its {@code gateways}
 * column instead of listing each gateway: the gateways a DSO's exports come through, a district's
 * collectors. Configured with the server ({@code vivacite.ingest.gateway-groups.NAME=gw-1,gw-2}),
 * so that a gateway is added to every meter of a group by one line.
 *
 * @param members the gateway ids of each group, by group name
 */
public record GatewayGroups(Map<String, Set<String>> members) {

    /** No group: a row naming one is refused at registration. */
    public static final GatewayGroups NONE = new GatewayGroups(Map.of());

    public GatewayGroups {
        Map<String, Set<String>> copy = new TreeMap<>();
        members.forEach((name, ids) -> copy.put(name, Set.copyOf(ids)));
        members = Collections.unmodifiableMap(copy);
    }

    /** The groups of a configuration, ids stripped and blank ones left out. */
    public static GatewayGroups of(Map<String, ? extends Collection<String>> groups) {
        Map<String, Set<String>> members = new TreeMap<>();
        if (groups != null) {
            groups.forEach((name, ids) -> {
                Set<String> set = new LinkedHashSet<>();
                ids.stream().map(String::strip).filter(id -> !id.isEmpty()).forEach(set::add);
                members.put(name.strip(), set);
            });
        }
        return new GatewayGroups(members);
    }

    /** Whether a group of that name is configured. */
    public boolean defines(String group) {
        return members.containsKey(group);
    }

    /** Whether the gateway is in the group (never, for a group that is not configured). */
    public boolean contains(String group, String gateway) {
        return members.getOrDefault(group, Set.of()).contains(gateway);
    }

    /** The names of the configured groups, sorted. */
    public Set<String> names() {
        return members.keySet();
    }
}
