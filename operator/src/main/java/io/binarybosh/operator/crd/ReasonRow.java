package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.Reason;

import java.util.List;

/** One row of a reason table: reasons that mean the same, what they mean, and what to do (empty when nothing). */
record ReasonRow(List<Reason> reasons, String meaning, String todo) {
}
