package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.shell.PostgresState;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.VmCommands;

import java.util.concurrent.CompletableFuture;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * The Micro's side of a copy attempt's start, begun beside Meta's look at the copy whenever that look may start an
 * attempt: the login to the Micro and its store's postgres state, which changes nothing on the VM. Closed whether
 * or not an attempt starts.
 */
final class MicroPreparation implements AutoCloseable {

    private final CompletableFuture<Shell> login;
    private final CompletableFuture<PostgresState> state;

    private MicroPreparation(CompletableFuture<Shell> login, CompletableFuture<PostgresState> state) {
        this.login = login;
        this.state = state;
    }

    static MicroPreparation begin(OperationContext context, VmCommands commands, String microStore) {
        CompletableFuture<Shell> login = CompletableFuture.supplyAsync(() -> MigrationVms.micro(context));
        return new MicroPreparation(login, login.thenApply(micro -> PostgresState.parse(expect(micro.run(
                commands.postgresState(microStore), COMMAND), "reading the Micro's store"))));
    }

    Shell shell() {
        return MigrationVms.join(login);
    }

    PostgresState state() {
        return MigrationVms.join(state);
    }

    @Override
    public void close() {
        // the command still running is let finish, then the login is closed
        MigrationVms.awaitQuietly(state);
        MigrationVms.awaitQuietly(login.thenAccept(Shell::close));
    }
}
