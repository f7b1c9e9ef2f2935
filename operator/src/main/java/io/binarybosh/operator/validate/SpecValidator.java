package io.binarybosh.operator.validate;

import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.DirectorConnectionSpec;
import io.binarybosh.operator.model.HealthSpec;
import io.binarybosh.operator.model.ManagedDirectorSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ResurrectionSpec;
import io.binarybosh.operator.model.SshSpec;
import io.binarybosh.operator.model.ConfigProblem;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The schema's rules again, for API servers that do not enforce them (no CEL before Kubernetes 1.25, the test
 * API server not at all), plus the checks a schema cannot make. Pure: no I/O.
 */
public final class SpecValidator {

    private static final int DEFAULT_DIRECTOR_PORT = 25555;
    private static final Pattern URL = Pattern.compile(DirectorConnectionSpec.URL_PATTERN);
    private static final Pattern DEPLOYMENT = Pattern.compile(ManagedDirectorSpec.DEPLOYMENT_NAME_PATTERN);

    public List<ConfigProblem> validate(BinaryBoshPairSpec spec) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (spec == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, "spec is required"));
            return problems;
        }
        checkManaged("spec.primary", spec.getPrimary(), problems);
        checkManaged("spec.meta", spec.getMeta(), problems);
        MicroDirectorSpec micro = spec.getBootstrap() == null ? null : spec.getBootstrap().getMicro();
        if (spec.getBootstrap() != null && micro == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING,
                    "spec.bootstrap.micro is required when bootstrap is set"));
        }
        if (micro != null) {
            checkConnection("spec.bootstrap.micro", micro, problems);
            checkSsh(micro.getSsh(), problems);
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Optional<String> primaryUrl = normalized(spec.getPrimary().getUrl());
        Optional<String> metaUrl = normalized(spec.getMeta().getUrl());
        if (primaryUrl.equals(metaUrl)) {
            problems.add(new ConfigProblem(Reason.SAME_DIRECTOR_TWICE,
                    "spec.primary.url and spec.meta.url name the same director (" + primaryUrl.orElse("") + ")"));
        }
        if (spec.getPrimary().getDeployment().equals(spec.getMeta().getDeployment())) {
            problems.add(new ConfigProblem(Reason.SAME_DEPLOYMENT_TWICE,
                    "spec.primary.deployment and spec.meta.deployment are both '" + spec.getMeta().getDeployment()
                            + "'"));
        }
        if (micro != null) {
            Optional<String> microUrl = normalized(micro.getUrl());
            if (microUrl.equals(primaryUrl) || microUrl.equals(metaUrl)) {
                problems.add(new ConfigProblem(Reason.SAME_DIRECTOR_TWICE,
                        "spec.bootstrap.micro.url names the same director as primary or meta (" + microUrl.orElse("")
                                + ")"));
            }
        }
        checkHealth(spec.getHealth(), problems);
        checkResurrection(spec.getResurrection(), problems);
        return problems;
    }

    private static void checkManaged(String field, ManagedDirectorSpec spec, List<ConfigProblem> problems) {
        if (spec == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + " is required"));
            return;
        }
        checkConnection(field, spec, problems);
        if (spec.getDeployment() == null || spec.getDeployment().isEmpty()) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".deployment is required"));
        } else if (spec.getDeployment().length() > 63 || !DEPLOYMENT.matcher(spec.getDeployment()).matches()) {
            problems.add(new ConfigProblem(Reason.INVALID_DEPLOYMENT_NAME,
                    field + ".deployment '" + spec.getDeployment()
                    + "' must match " + ManagedDirectorSpec.DEPLOYMENT_NAME_PATTERN + " and be at most 63 characters"));
        }
        if (spec.getStorePath() != null && !spec.getStorePath().startsWith("/")) {
            problems.add(new ConfigProblem(Reason.INVALID_STORE_PATH, field + ".storePath must be an absolute path"));
        }
    }

    private static void checkConnection(String field, DirectorConnectionSpec spec, List<ConfigProblem> problems) {
        if (spec.getUrl() == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".url is required"));
        } else if (!URL.matcher(spec.getUrl()).matches() || normalized(spec.getUrl()).isEmpty()) {
            problems.add(new ConfigProblem(Reason.INVALID_URL,
                    field + ".url must be https://<host>[:<port>] with a port from 1 to 65535, got '" + spec.getUrl()
                            + "'"));
        }
        if (spec.getCaSecretRef() == null || spec.getCaSecretRef().getName() == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".caSecretRef.name is required"));
        }
        if (spec.getCredentialsSecretRef() == null || spec.getCredentialsSecretRef().getName() == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".credentialsSecretRef.name is required"));
        }
    }

    private static void checkSsh(SshSpec ssh, List<ConfigProblem> problems) {
        String field = "spec.bootstrap.micro.ssh";
        if (ssh == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + " is required"));
            return;
        }
        if (ssh.getHost() == null || ssh.getHost().isBlank()) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".host is required"));
        }
        if (ssh.getUser() == null || ssh.getUser().isBlank()) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".user is required"));
        }
        if (ssh.getPort() != null && (ssh.getPort() < 1 || ssh.getPort() > 65535)) {
            problems.add(new ConfigProblem(Reason.OUT_OF_RANGE, field + ".port must be between 1 and 65535"));
        }
        if (ssh.getPrivateKeySecretRef() == null || ssh.getPrivateKeySecretRef().getName() == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".privateKeySecretRef.name is required"));
        }
        if (ssh.getHostKeySecretRef() == null || ssh.getHostKeySecretRef().getName() == null) {
            problems.add(new ConfigProblem(Reason.FIELD_MISSING, field + ".hostKeySecretRef.name is required: "
                    + "host keys are always verified"));
        }
    }

    private static void checkHealth(HealthSpec health, List<ConfigProblem> problems) {
        if (health == null) {
            return;
        }
        Integer poll = health.getPollIntervalSeconds();
        Integer unreachable = health.getUnreachableAfterSeconds();
        Integer recreate = health.getForceRecreateAfterSeconds();
        range("spec.health.pollIntervalSeconds", poll, 1, 3600, problems);
        range("spec.health.unreachableAfterSeconds", unreachable, 1, 86400, problems);
        range("spec.health.forceRecreateAfterSeconds", recreate, 1, 604800, problems);
        if (poll != null && unreachable != null && unreachable < poll) {
            problems.add(new ConfigProblem(Reason.OUT_OF_RANGE,
                    "spec.health.unreachableAfterSeconds must be at least pollIntervalSeconds"));
        }
        if (unreachable != null && recreate != null && recreate < unreachable) {
            problems.add(new ConfigProblem(Reason.OUT_OF_RANGE,
                    "spec.health.forceRecreateAfterSeconds must be at least unreachableAfterSeconds"));
        }
    }

    private static void checkResurrection(ResurrectionSpec resurrection, List<ConfigProblem> problems) {
        if (resurrection == null) {
            return;
        }
        range("spec.resurrection.minimumDownJobs", resurrection.getMinimumDownJobs(), 1, 10000, problems);
        range("spec.resurrection.timeThresholdSeconds", resurrection.getTimeThresholdSeconds(), 1, 86400, problems);
        Double percent = resurrection.getPercentThreshold();
        if (percent != null && (percent.isNaN() || percent < 0 || percent > 1)) {
            problems.add(new ConfigProblem(Reason.OUT_OF_RANGE,
                    "spec.resurrection.percentThreshold must be between 0 and 1"));
        }
    }

    private static void range(String field, Integer value, int min, int max, List<ConfigProblem> problems) {
        if (value != null && (value < min || value > max)) {
            problems.add(new ConfigProblem(Reason.OUT_OF_RANGE, field + " must be between " + min + " and " + max));
        }
    }

    /** scheme://host:port in lower case, the port defaulted as the bosh CLI does; empty when it does not parse. */
    static Optional<String> normalized(String url) {
        try {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() == -1 ? DEFAULT_DIRECTOR_PORT : uri.getPort();
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
            return Optional.of("https://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
