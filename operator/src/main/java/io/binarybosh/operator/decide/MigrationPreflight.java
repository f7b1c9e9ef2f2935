package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.observe.DirectorDetails;
import io.binarybosh.operator.observe.DirectorDetailsReader;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.observe.ManagedDeploymentView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of the migration's preflight that the observation answers, before anything is written or touched:
 * all three directors answer, the Micro holds Primary's deployment and Primary holds Meta's, Meta is a freshly
 * deployed director no older than the Micro, and nothing holds or works on the two deployments. Pure.
 */
public final class MigrationPreflight {

    /** Why the migration may not start, for a condition and an event. */
    public record Refusal(Reason reason, String message) {
    }

    private static final Pattern VERSION = Pattern.compile("^(\\d+(?:\\.\\d+)*)");

    private MigrationPreflight() {
    }

    public static Optional<Refusal> check(PairFacts facts) {
        DirectorObservation micro = facts.micro();
        DirectorFacts primary = facts.primary();
        DirectorFacts meta = facts.meta();
        // Nothing is decided from a list that was not read: a failing database is named before any list is looked at.
        for (DirectorObservation director : java.util.Arrays.asList(micro, primary.observation(),
                meta.observation())) {
            Optional<String> database = DatabaseFailure.of(director);
            if (database.isPresent()) {
                return refuse(Reason.databaseNotAnswering(director.role()), database.get()
                        + ". The migration waits until it answers");
            }
        }
        if (micro == null || !micro.reachable() || micro.details() == null) {
            return refuse(Reason.MICRO_NOT_REACHABLE, "the Micro" + (micro == null ? "" : " at " + micro.url())
                    + " must answer and accept the operator's credentials before the migration: "
                    + (micro == null ? "not observed yet" : micro.detail()));
        }
        for (DirectorFacts director : List.of(primary, meta)) {
            if (!director.reachable() || director.observation().details() == null) {
                return refuse(Reason.notReachable(director.role()), director.role().displayName()
                        + " must answer and accept the operator's credentials before the migration: "
                        + (director.observation() == null ? "not observed yet" : director.observation().detail()));
            }
        }
        if (!micro.details().hasDeployment(primary.deployment())) {
            return refuse(Reason.SOURCE_DOES_NOT_HOLD_PRIMARY,
                    "the Micro at " + micro.url() + " (" + micro.info().name()
                    + ") does not hold deployment '" + primary.deployment() + "' (it holds "
                    + micro.details().deploymentsLocked().keySet() + "): source and target the wrong way round, or "
                    + "not the Micro that deployed Primary. Nothing is copied from a director without Primary's data");
        }
        for (DirectorFacts director : List.of(primary, meta)) {
            Optional<String> elsewhere = runsElsewhere(director, director == primary ? micro : primary.observation());
            if (elsewhere.isPresent()) {
                return refuse(Reason.DIRECTOR_ADDRESS_MISMATCH, "deployment '" + director.deployment() + "' runs at "
                        + elsewhere.get() + ", but " + director.role().displayName() + " is declared at "
                        + director.observation().url() + ": the spec names the directors the wrong way round or "
                        + "names the wrong deployment");
            }
        }
        if (meta.manager() != io.binarybosh.operator.model.DirectorRole.PRIMARY) {
            return refuse(Reason.META_NOT_ON_PRIMARY, "Primary does not hold Meta's deployment '" + meta.deployment()
                    + "': the migration starts only from Primary deployed by the Micro and Meta deployed by Primary");
        }
        DirectorDetails metaDetails = meta.observation().details();
        if (!metaDetails.deploymentsLocked().isEmpty()) {
            return refuse(Reason.TARGET_NOT_FRESH,
                    "Meta holds deployments of its own " + metaDetails.deploymentsLocked()
                    .keySet().stream().sorted().toList() + ": the copy would replace its store and lose them. The "
                    + "target must be the freshly deployed Meta");
        }
        Optional<Refusal> configServer = configServerNames(micro, meta, primary.deployment());
        if (configServer.isPresent()) {
            return configServer;
        }
        String microVersion = micro.info().version();
        String metaVersion = meta.observation().info().version();
        if (olderThan(metaVersion, microVersion)) {
            return refuse(Reason.VERSION_SKEW, "Meta runs director " + metaVersion + ", older than the Micro's "
                    + microVersion + ": a director cannot start on a database migrated by a newer one. Deploy Meta "
                    + "with a bosh release at least as new as the Micro's");
        }
        List<String> locked = new ArrayList<>();
        if (Boolean.TRUE.equals(micro.details().deploymentsLocked().get(primary.deployment()))) {
            locked.add("'" + primary.deployment() + "' on the Micro");
        }
        if (Boolean.TRUE.equals(primary.observation().details().deploymentsLocked().get(meta.deployment()))) {
            locked.add("'" + meta.deployment() + "' on Primary");
        }
        if (!locked.isEmpty()) {
            return refuse(Reason.DEPLOYMENT_LOCKED, String.join(" and ", locked) + " locked: a task or a person holds "
                    + "it; the migration waits until no lock is held");
        }
        List<String> tasks = new ArrayList<>();
        // The copied database runs on Meta whatever the Micro left queued, on any deployment.
        Optional<List<Task>> microTasks = micro.details().directorWideInFlight();
        if (microTasks.isPresent()) {
            for (Task task : microTasks.get()) {
                if (!DirectorDetailsReader.AGENT_CHECK_TASK.equals(task.description())) {
                    tasks.add("task " + task.id() + " ('" + task.description() + "', " + task.state().wire() + ")"
                            + (task.deployment() == null || task.deployment().isEmpty() ? ""
                            : " on " + task.deployment()) + " on the Micro");
                }
            }
        } else {
            tasks(primary.fromManager(), "the Micro", tasks);
        }
        tasks(meta.fromManager(), "Primary", tasks);
        if (!tasks.isEmpty()) {
            return refuse(Reason.TASKS_IN_FLIGHT, String.join("; ", tasks) + ": the migration waits until they end");
        }
        return Optional.empty();
    }

    /**
     * With a config server, relative {@code ((var))} names resolve to {@code /<director name from the manifest>/
     * <deployment>/<var>} and a deployed variable set is no longer writable (bosh {@code dir/config_server/
     * client.rb}): Meta, started on the Micro's database under another name, could not recreate Primary ("Expected
     * variable ... to be already versioned"), and that would only show after the Micro is fenced. What the API shows
     * is checked: Meta's name, and that every variable of Primary's current set lives under it. It does not prove
     * that Meta's CredHub can decrypt the copied values: that needs the Micro's CredHub encryption password.
     */
    private static Optional<Refusal> configServerNames(DirectorObservation micro, DirectorFacts meta,
                                                       String deployment) {
        if (!micro.info().configServer()) {
            return Optional.empty();
        }
        String microName = micro.info().name();
        String metaName = meta.observation().info().name();
        String prerequisite = ". Deploy Meta with director.name '" + microName + "' and the Micro's CredHub "
                + "encryption password (credhub_encryption_password), or the copied CredHub data is unreadable";
        if (!microName.equals(metaName)) {
            return refuse(Reason.CONFIG_SERVER_NAME_MISMATCH, "the Micro uses a config server (CredHub) and is named '"
                    + microName + "', Meta '" + metaName + "': Meta would look up Primary's variables as '/"
                    + metaName + "/" + deployment + "/...', which the copied variable set does not hold, and could "
                    + "not recreate Primary's VM" + prerequisite);
        }
        Optional<List<String>> variables = micro.details().managedView()
                .filter(view -> view.deployment().equals(deployment)).flatMap(ManagedDeploymentView::variableNames);
        if (variables.isEmpty()) {
            return refuse(Reason.CONFIG_SERVER_VARIABLES_UNKNOWN,
                    "the Micro uses a config server, but the variables of '"
                    + deployment + "' could not be read (GET /deployments/" + deployment + "/variables)");
        }
        String under = "/" + metaName + "/" + deployment + "/";
        List<String> elsewhere = variables.get().stream()
                .filter(name -> name.startsWith("/" + microName + "/") && !name.startsWith(under)).toList();
        if (!elsewhere.isEmpty()) {
            return refuse(Reason.CONFIG_SERVER_NAME_MISMATCH, "variables of '" + deployment + "' on the Micro are not "
                    + "under '" + under + "', where Meta will look them up: " + elsewhere + prerequisite);
        }
        return Optional.empty();
    }

    /**
     * The addresses of the VM of the director's deployment, as the director expected to manage it lists them (the
     * Micro for Primary, Primary for Meta), when they are not where the director's URL points.
     */
    private static Optional<String> runsElsewhere(DirectorFacts director, DirectorObservation manager) {
        if (manager == null || manager.details() == null || director.observation() == null) {
            return Optional.empty();
        }
        return manager.details().managedView().filter(view -> view.deployment().equals(director.deployment()))
                .filter(view -> !PairFacts.runsAt(view, director.observation().url()))
                .flatMap(ManagedDeploymentView::instance).map(i -> String.join(", ", i.ips()));
    }

    /** True when {@code version} is a lower release than {@code than} ("283.1.6 (hash)" style). */
    static boolean olderThan(String version, String than) {
        List<Integer> a = numbers(version);
        List<Integer> b = numbers(than);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return x < y;
            }
        }
        return false;
    }

    private static List<Integer> numbers(String version) {
        if (version == null) {
            return List.of();
        }
        Matcher m = VERSION.matcher(version.trim());
        if (!m.find()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : m.group(1).split("\\.")) {
            out.add(Integer.parseInt(part));
        }
        return out;
    }

    private static void tasks(ManagedDeploymentView view, String on, List<String> out) {
        if (view == null) {
            return;
        }
        for (Task task : view.changingTasks()) {
            out.add("task " + task.id() + " ('" + task.description() + "', " + task.state().wire() + ") on "
                    + view.deployment() + " on " + on);
        }
    }

    private static Optional<Refusal> refuse(Reason reason, String message) {
        return Optional.of(new Refusal(reason, message));
    }
}
