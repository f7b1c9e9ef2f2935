package io.binarybosh.operator.director.client;

import io.binarybosh.operator.director.model.SshTarget;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /deployments/:name/ssh} as the bosh CLI sends it (docs/bosh-cli-protocol.md): the
 * target carries the instances both as indexes and as ids, which the director matches either way.
 */
final class SshRequestBody {

    private SshRequestBody() {
    }

    static Map<String, Object> of(String deployment, String command, SshTarget target, Map<String, Object> params) {
        Map<String, Object> targetJson = new LinkedHashMap<>();
        targetJson.put("job", target.instanceGroup());
        targetJson.put("indexes", target.indexesOrIds());
        targetJson.put("ids", target.indexesOrIds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        body.put("deployment_name", deployment);
        body.put("target", targetJson);
        body.put("params", params);
        return body;
    }
}
