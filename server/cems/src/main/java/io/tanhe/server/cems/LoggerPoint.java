package io.tanhe.server.cems;

/**
 * One point fed by a CEMS data logger: which pollutant code of which upload it takes.
 *
 * @param pointId the configured point id
 * @param code    the HJ 212 code, e.g. {@code a05001} (CO2), {@code a00000} (flue-gas flow), {@code a01012} (temperature)
 * @param cn      the upload it is read from: {@code 2011} real-time (field {@code Rtd}), {@code 2051} minute,
 *                {@code 2061} hour or {@code 2031} day (field {@code Avg})
 * @param field   the value field without the code, {@code Rtd} or {@code Avg} (the default for the CN)
 * @param unit    the unit written on readings, as the logger sends it (HJ 212 Table B.2: {@code kPa} for a01013, {@code %} for a01014)
 */
public record LoggerPoint(String pointId, String code, String cn, String field, String unit) {

    /** The value field the standard uses for an upload: Rtd for real-time data, Avg for period data. */
    public static String defaultField(String cn) {
        return cn.equals("2011") ? "Rtd" : "Avg";
    }
}
