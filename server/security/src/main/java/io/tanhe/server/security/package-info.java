/**
 * The terminal's security (§7.4 of the standard): accounts and the roles of the three-officer separation
 * (system administrator, security operator, security auditor) plus viewers and machine tokens, the
 * login policy, the tamper-evident audit, the device's SM2 identity and SM2/SM3/SM4 cryptography.
 * It keeps its tables in the store's database through {@code Store.connect()}, in SQL that runs on
 * every store engine.
 */
package io.tanhe.server.security;
