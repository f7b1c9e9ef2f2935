package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.DirectorConnectionSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The names of the Secrets and ConfigMaps a pair's spec references: the examples must ship every one they name. */
public final class SecretReferences {

    private SecretReferences() {
    }

    /** The ConfigMaps holding desired manifests. */
    public static Set<String> configMapsOf(BinaryBoshPairSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        if (spec == null) {
            return names;
        }
        for (var director : java.util.Arrays.asList(spec.getPrimary(), spec.getMeta())) {
            if (director != null && director.getManifestRef() != null && director.getManifestRef().getName() != null) {
                names.add(director.getManifestRef().getName());
            }
        }
        return names;
    }

    public static Set<String> of(BinaryBoshPairSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        if (spec == null) {
            return names;
        }
        List<DirectorConnectionSpec> directors = new ArrayList<>();
        directors.add(spec.getPrimary());
        directors.add(spec.getMeta());
        MicroDirectorSpec micro = spec.getBootstrap() == null ? null : spec.getBootstrap().getMicro();
        directors.add(micro);
        for (DirectorConnectionSpec director : directors) {
            if (director == null) {
                continue;
            }
            if (director.getCaSecretRef() != null) {
                names.add(director.getCaSecretRef().getName());
            }
            if (director.getCredentialsSecretRef() != null) {
                names.add(director.getCredentialsSecretRef().getName());
            }
        }
        if (micro != null && micro.getSsh() != null) {
            if (micro.getSsh().getPrivateKeySecretRef() != null) {
                names.add(micro.getSsh().getPrivateKeySecretRef().getName());
            }
            if (micro.getSsh().getHostKeySecretRef() != null) {
                names.add(micro.getSsh().getHostKeySecretRef().getName());
            }
        }
        names.remove(null);
        return names;
    }
}
