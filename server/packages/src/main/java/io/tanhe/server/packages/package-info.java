/**
 * Configuration packages (issue 15; docs/packages.md): one signed format for methodology, factor-update and
 * threshold packages. {@link io.tanhe.server.packages.PackageBuilder} builds one from a folder,
 * {@link io.tanhe.server.packages.SigningKey} signs it as author or verifier,
 * {@link io.tanhe.server.packages.ConfigPackage} reads and writes its file, and
 * {@link io.tanhe.server.packages.PackageVerifier} checks it against the security operator's
 * {@link io.tanhe.server.packages.TrustPolicy}, returning a {@link io.tanhe.server.packages.Verdict} with
 * every failing check.
 */
package io.tanhe.server.packages;
