package io.binarybosh.operator.director;

/**
 * One director's API as the operator uses it: its {@link DirectorReads reads} and its {@link DirectorActions
 * actions}, nothing more. Safe to share between concurrent reconciles; {@link #close()} releases its connection
 * pool. Every failure is a {@link DirectorException} subclass whose message never holds a secret.
 */
public interface DirectorClient extends DirectorReads, DirectorActions, AutoCloseable {

    @Override
    void close();
}
