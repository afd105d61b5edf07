/**
 * The semantic diff of two methodology versions, factor tables or thresholds ({@code tanhe diff}, and the review
 * the terminal serves for a staged candidate): {@link io.tanhe.server.packages.diff.Snapshot} reads one side,
 * {@link io.tanhe.server.packages.diff.MethodologyDiff} compares two into a
 * {@link io.tanhe.server.packages.diff.DiffReport} (text or JSON).
 */
package io.tanhe.server.packages.diff;
