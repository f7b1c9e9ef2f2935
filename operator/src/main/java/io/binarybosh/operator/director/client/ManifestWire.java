package io.binarybosh.operator.director.client;

/** {@code GET /deployments/:name}: the manifest, never shown in a log line. */
record ManifestWire(String manifest) {

    @Override
    public String toString() {
        return "ManifestWire[<redacted>]";
    }
}
