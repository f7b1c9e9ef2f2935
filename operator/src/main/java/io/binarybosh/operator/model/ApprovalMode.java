package io.binarybosh.operator.model;

/** Whether destructive steps run on their own or wait for a person's approval annotation. */
public enum ApprovalMode {
    Automatic,
    Manual
}
