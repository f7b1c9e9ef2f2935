package io.binarybosh.e2e.sim.iaas;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.agent.Agent;
import io.binarybosh.e2e.sim.agent.AgentSettings;
import io.binarybosh.e2e.sim.agent.JobCatalog;
import io.binarybosh.e2e.sim.agent.NatsNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated cloud: VMs with a cid, a loopback address and an agent, and persistent disks that are
 * folders surviving the VMs they were attached to. It is the CPI of every director of the world.
 */
public final class Iaas {
    private final Path root;
    private final AddressPool addresses;
    private final NatsNetwork network;
    private final JobCatalog catalog;
    private final ScheduledExecutorService scheduler;
    private final Timings timings;
    private final VmHosting hosting;
    private final Map<String, Vm> vms = new ConcurrentHashMap<>();

    public Iaas(Path root, AddressPool addresses, NatsNetwork network, JobCatalog catalog,
                ScheduledExecutorService scheduler, Timings timings, VmHosting hosting) {
        this.root = root;
        this.addresses = addresses;
        this.network = network;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.timings = timings;
        this.hosting = hosting;
    }

    public String allocateAddress() {
        return addresses.next();
    }

    /** CPI `create_vm`: the agent starts once the VM has booted. */
    public Vm createVm(AgentSettings settings, String address, String diskCid) {
        String ip = address == null ? addresses.next() : addresses.reserve(address);
        if (vms.values().stream().anyMatch(v -> v.address().equals(ip))) {
            throw new IllegalStateException("address " + ip + " is in use by another VM");
        }
        String cid = "vm-" + UUID.randomUUID();
        Path disk = diskCid == null ? null : diskPath(diskCid);
        Vm vm = new Vm(cid, ip, diskCid, disk, hosting.boot(cid, ip, disk), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Agent agent = new Agent(settings, vm, network, catalog, scheduler, timings);
        vm.attachAgent(agent);
        vms.put(cid, vm);
        scheduler.schedule(() -> {
            if (vms.get(cid) == vm) {
                agent.start();
            }
        }, timings.vmBoot().toNanos(), TimeUnit.NANOSECONDS);
        return vm;
    }

    /** CPI `delete_vm`, and also what happens when a VM dies: everything on it stops. */
    public void deleteVm(String cid) {
        Vm vm = vms.remove(cid);
        if (vm != null) {
            vm.host().destroy();
            vm.agent().destroy();
        }
    }

    public boolean hasVm(String cid) {
        return cid != null && vms.containsKey(cid);
    }

    public Optional<Vm> vm(String cid) {
        return Optional.ofNullable(cid == null ? null : vms.get(cid));
    }

    public Optional<Vm> vmAt(String address) {
        return vms.values().stream().filter(v -> v.address().equals(address)).findFirst();
    }

    public List<Vm> vms() {
        return List.copyOf(vms.values());
    }

    public String createDisk(int sizeMb) {
        String cid = "disk-" + UUID.randomUUID();
        try {
            Files.createDirectories(diskPath(cid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hosting.diskCreated(diskPath(cid), sizeMb);
        return cid;
    }

    public Path diskPath(String diskCid) {
        return root.resolve("disks").resolve(diskCid);
    }

    public boolean hasDisk(String diskCid) {
        return diskCid != null && Files.isDirectory(diskPath(diskCid));
    }

    /** CPI `delete_disk`. */
    public void deleteDisk(String diskCid) {
        if (!hasDisk(diskCid)) {
            return;
        }
        hosting.diskDeleted(diskPath(diskCid));
        try (var walk = Files.walk(diskPath(diskCid))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every VM, stopping everything that runs on them. */
    public void shutdown() {
        List.copyOf(vms.keySet()).forEach(this::deleteVm);
    }
}
