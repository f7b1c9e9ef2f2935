package io.binarybosh.e2e.sim.store;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of the simulated `bosh` database. Mutable on purpose: it is only touched inside
 * {@link DirectorDb#read} and {@link DirectorDb#write}, which serialise access and persist each change.
 */
public final class Tables {
    /** director_attributes: the uuid and resurrection_paused live here, as on a real director. */
    public String uuid;
    public boolean resurrectionPaused;
    public long lastTaskId;
    public long lastProblemId;
    public long lastStemcellId;
    public long lastConfigId;
    public Map<String, DeploymentRow> deployments = new LinkedHashMap<>();
    @JsonSerialize(using = TaskRowsJson.Serializer.class)
    public Map<Long, TaskRow> tasks = new LinkedHashMap<>();
    public List<LockRow> locks = new ArrayList<>();
    public List<ProblemRow> problems = new ArrayList<>();
    public List<ReleaseRow> releases = new ArrayList<>();
    public List<StemcellRow> stemcells = new ArrayList<>();
    public List<ConfigRow> configs = new ArrayList<>();
    /** Each deployment's current variable set (`variables` of `variable_sets`): the full names it versioned. */
    public Map<String, List<String>> variableSets = new LinkedHashMap<>();
}
