package io.tanhe.server.uplink.config;

import io.tanhe.server.hj212.profile.PlatformProfile;

import java.util.List;
import java.util.Optional;

/**
 * One data centre the terminal reports to (section 7.2.4 (3)).
 *
 * @param id               a short name, unique among the centres; the outbox and the status use it
 * @param protocol         HJ 212 over TCP or HTTPS JSON
 * @param address          {@code host:port} for hj212-tcp, an {@code https://} URL for https
 * @param profileOrNull    the HJ 212 platform profile (hj212-tcp only)
 * @param terminalIdOrNull the terminal's id in HTTPS batches (https only)
 * @param indicators       what is reported
 * @param schedules        when
 * @param delivery         timeouts, retries, backoff, batch size
 * @param tls              TLS settings (https only)
 */
public record CentreConfig(String id, Protocol protocol, String address, PlatformProfile profileOrNull,
                           String terminalIdOrNull, List<IndicatorConfig> indicators, Schedules schedules,
                           DeliveryPolicy delivery, TlsConfig tls) {

    public CentreConfig {
        indicators = List.copyOf(indicators);
    }

    /** The HJ 212 profile (hj212-tcp centres). */
    public Optional<PlatformProfile> profile() {
        return Optional.ofNullable(profileOrNull);
    }

    /** The terminal id sent in HTTPS batches (https centres). */
    public Optional<String> terminalId() {
        return Optional.ofNullable(terminalIdOrNull);
    }

    /** This centre with other delivery settings (tests and benchmarks shorten the timeouts). */
    public CentreConfig withDelivery(DeliveryPolicy newDelivery) {
        return new CentreConfig(id, protocol, address, profileOrNull, terminalIdOrNull, indicators, schedules,
                newDelivery, tls);
    }

    /** This centre at another address. */
    public CentreConfig withAddress(String newAddress) {
        return new CentreConfig(id, protocol, newAddress, profileOrNull, terminalIdOrNull, indicators, schedules,
                delivery, tls);
    }
}
