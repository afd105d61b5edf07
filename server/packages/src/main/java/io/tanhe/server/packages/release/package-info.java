/**
 * Remote upgrade (§8.4): signed application releases unpacked into versioned folders under an install root, switched
 * by an atomic rename of the {@code current} link, health-checked for a window and rolled back when unhealthy, with
 * the state kept in a file beside the releases so that a power cut at any step resumes or rolls back
 * (docs/operations.md, remote upgrade). Nothing here reads or writes the data directory.
 */
package io.tanhe.server.packages.release;
