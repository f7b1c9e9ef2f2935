package io.binarybosh.e2e.demo;

/** The story did not happen as told: what was awaited and did not come. */
final class DemoFailure extends RuntimeException {

    DemoFailure(String message) {
        super(message);
    }
}
