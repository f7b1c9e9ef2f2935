package io.binarybosh.operator.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.operator.director.model.Config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a director's {@code resurrection} configs, as its health monitor applies them (bosh
 * {@code hm/resurrection_manager.rb}): every rule of every config that applies to a deployment and instance group is
 * AND-ed; none applying means enabled. A rule without a boolean {@code enabled} is skipped, as HM skips it.
 */
public record ResurrectionConfigRules(List<Rule> rules) {

    public ResurrectionConfigRules {
        rules = List.copyOf(rules);
    }

    /** One rule, with the name of the config it came from. */
    public record Rule(String config, boolean enabled, Filter include, Filter exclude) {

        boolean applies(String deployment, String group) {
            return include.applies(deployment, group, true) && !exclude.applies(deployment, group, false);
        }
    }

    /** {@code Filter#applies?}: each list given must name it; an exclude filter without lists applies to nothing. */
    public record Filter(List<String> deployments, List<String> instanceGroups) {

        boolean applies(String deployment, String group, boolean include) {
            if (!instanceGroups.isEmpty() && !instanceGroups.contains(group)) {
                return false;
            }
            if (!deployments.isEmpty() && !deployments.contains(deployment)) {
                return false;
            }
            return include || !deployments.isEmpty() || !instanceGroups.isEmpty();
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static ResurrectionConfigRules parse(List<Config> configs) {
        List<Rule> rules = new ArrayList<>();
        for (Config config : configs) {
            JsonNode root;
            try {
                root = config.content() == null ? null : YAML.readTree(config.content());
            } catch (IOException unparsable) {
                continue;
            }
            if (root == null) {
                continue;
            }
            for (JsonNode rule : root.path("rules")) {
                if (!rule.path("enabled").isBoolean()) {
                    continue;
                }
                rules.add(new Rule(config.name(), rule.path("enabled").booleanValue(),
                        filter(rule.path("include")), filter(rule.path("exclude"))));
            }
        }
        return new ResurrectionConfigRules(rules);
    }

    private static Filter filter(JsonNode node) {
        return new Filter(strings(node.path("deployments")), strings(node.path("instance_groups")));
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The config whose rule disables resurrection of this instance group; empty when its resurrection is on. */
    public Optional<String> disablingConfig(String deployment, String group) {
        return rules.stream().filter(r -> r.applies(deployment, group) && !r.enabled()).map(Rule::config)
                .findFirst();
    }
}
