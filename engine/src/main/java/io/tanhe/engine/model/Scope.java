package io.tanhe.engine.model;

/** Whether an emission happens inside the boundary (direct) or at a supplier of energy (indirect). */
public enum Scope {
    DIRECT, INDIRECT
}
