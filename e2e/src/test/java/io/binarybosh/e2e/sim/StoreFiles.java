package io.binarybosh.e2e.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a person does to a store during a migration by hand: move its contents aside, copy another store in. */
public final class StoreFiles {

    private StoreFiles() {
    }

    /**
     * Moves a store's contents into {@code to}: the store folder stays, as a persistent disk's mount point must (in
     * process mode the disk folder is bind-mounted at the VM's store).
     */
    public static void move(Path from, Path to) {
        try (Stream<Path> children = Files.list(from)) {
            Files.createDirectories(to);
            for (Path child : children.toList()) {
                Files.move(child, to.resolve(child.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
