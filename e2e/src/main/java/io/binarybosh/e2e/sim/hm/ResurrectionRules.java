package io.binarybosh.e2e.sim.hm;

import io.binarybosh.e2e.sim.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rules of `resurrection` configs: all rules of all configs apply, AND-ed; an instance group that no
 * disabling rule matches is enabled.
 */
public record ResurrectionRules(List<Rule> rules) {

    public record Rule(boolean enabled, List<String> includeDeployments, List<String> includeGroups,
                       List<String> excludeDeployments, List<String> excludeGroups) {

        /** `ResurrectionRule#applies?` of bosh `hm/resurrection_manager.rb`. */
        boolean matches(String deployment, String group) {
            return applies(includeDeployments, includeGroups, deployment, group, true)
                    && !applies(excludeDeployments, excludeGroups, deployment, group, false);
        }

        /** `Filter#applies?`: every list given must name it; an exclude filter with no list applies to nothing. */
        private static boolean applies(List<String> deployments, List<String> groups, String deployment, String group,
                                       boolean include) {
            if (!groups.isEmpty() && !groups.contains(group)) {
                return false;
            }
            if (!deployments.isEmpty() && !deployments.contains(deployment)) {
                return false;
            }
            return include || !deployments.isEmpty() || !groups.isEmpty();
        }
    }

    public static ResurrectionRules none() {
        return new ResurrectionRules(List.of());
    }

    @SuppressWarnings("unchecked")
    public static ResurrectionRules parse(List<String> contents) {
        List<Rule> rules = new ArrayList<>();
        for (String content : contents) {
            try {
                Map<String, Object> doc = Json.YAML.readValue(content, Map.class);
                Object list = doc == null ? null : doc.get("rules");
                if (!(list instanceof List<?> items)) {
                    continue;
                }
                for (Object item : items) {
                    // a rule without a boolean `enabled` fails to parse and is skipped (ResurrectionRule.parse)
                    if (!(item instanceof Map<?, ?>) || !(((Map<String, Object>) item).get("enabled") instanceof Boolean)) {
                        continue;
                    }
                    Map<String, Object> r = (Map<String, Object>) item;
                    Map<String, Object> include = r.get("include") instanceof Map ? (Map<String, Object>) r.get("include") : Map.of();
                    Map<String, Object> exclude = r.get("exclude") instanceof Map ? (Map<String, Object>) r.get("exclude") : Map.of();
                    rules.add(new Rule((Boolean) r.get("enabled"),
                            strings(include.get("deployments")), strings(include.get("instance_groups")),
                            strings(exclude.get("deployments")), strings(exclude.get("instance_groups"))));
                }
            } catch (Exception e) {
                // an unparsable config is skipped, as HM logs and ignores it
            }
        }
        return new ResurrectionRules(rules);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    public boolean enabled(String deployment, String group) {
        return rules.stream().filter(r -> r.matches(deployment, group)).allMatch(Rule::enabled);
    }
}
