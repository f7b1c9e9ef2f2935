package io.binarybosh.e2e.demo;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;
import java.util.Optional;

/**
 * One read of the pair, null-safe: before the operator's first status write every part is absent.
 *
 * @param pair the resource as read, or null when it does not exist (yet)
 */
record PairView(BinaryBoshPair pair) {

    Optional<BinaryBoshPairStatus> status() {
        return Optional.ofNullable(pair).map(BinaryBoshPair::getStatus);
    }

    Optional<Condition> condition(String type) {
        return status().map(BinaryBoshPairStatus::getConditions).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType())).findFirst();
    }

    boolean is(String type, String value) {
        return condition(type).map(c -> value.equals(c.getStatus())).orElse(false);
    }

    Optional<String> phase() {
        return status().map(BinaryBoshPairStatus::getPhase);
    }

    Optional<OperationStatus> operation() {
        return status().map(BinaryBoshPairStatus::getOperation);
    }

    Optional<MigrationStatus> migration() {
        return status().map(BinaryBoshPairStatus::getMigration);
    }

    Optional<DirectorStatus> director(String key) {
        return status().map(s -> switch (key) {
            case "primary" -> s.getPrimary();
            case "meta" -> s.getMeta();
            case "micro" -> s.getMicro();
            default -> throw new IllegalArgumentException(key);
        });
    }
}
