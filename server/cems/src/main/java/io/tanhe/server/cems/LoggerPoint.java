package io.tanhe.server.cems;

/**
 * One point fed by a CEMS data logger: which pollutant code of which upload it takes.
 *
 * @param pointId the configured point id
 * @param code    the HJ 212 code, e.g. {@code a05001} (CO2), {@code a00000} (flue-gas flow), {@code a01012} (temperature)
 * @param cn      the upload it is read from: {@code 2011} real-time (field {@code Rtd}), {@code 2051} minute,
 *                {@code 2061} hour or {@code 2031} day (field {@code Avg}), {@code 3020} instrument information
 *                (field {@code Info}: i12001 work state, i13007 intercept, i13008 slope … of the instrument {@code polId})
 * @param field   the value field without the code (the default for the CN)
 * @param unit    the unit written on readings, as the logger sends it (HJ 212 Table B.2: {@code kPa} for a01013, {@code %} for a01014)
 * @param polId   for 3020: the pollutant code of the instrument ({@code PolId}, e.g. a05001); empty for any
 */
public record LoggerPoint(String pointId, String code, String cn, String field, String unit, String polId) {

    /** A point of a data upload (no PolId). */
    public LoggerPoint(String pointId, String code, String cn, String field, String unit) {
        this(pointId, code, cn, field, unit, "");
    }

    /** The value field the standard uses for an upload: Rtd for real-time data, Info for instrument information, Avg for period data. */
    public static String defaultField(String cn) {
        return switch (cn) {
            case "2011" -> "Rtd";
            case "3020" -> "Info";
            default -> "Avg";
        };
    }
}
