/**
 * The one reader of Tanhe's configuration files — site files, points files, uplink configuration,
 * thresholds — kept beside the methodology language because both are text a person writes and
 * both report errors at a file, line and column.
 *
 * <p>{@link io.tanhe.grammar.config.ConfigNode} reads YAML or JSON field by field, records each bad
 * field as a {@link io.tanhe.grammar.config.ConfigProblem} instead of stopping, and ends with one
 * {@link io.tanhe.grammar.config.InvalidConfigException} listing them all:
 * <pre>
 * site.yaml: 2 problems
 *   site.yaml:61:5: points[0].input: no input `coal_burnd` in cn.power-generation — did you mean `coal_burned`?
 *   site.yaml:99:3: retention.raw_readings: `P3M` is shorter than the standard's minimum P6M (section 7.2.3: raw data at least 6 months)
 * </pre>
 * Paths are the keys and list indexes as written in the file. Suggestions come from
 * {@link io.tanhe.grammar.diagnostics.Spelling}, the same helper the compiler's hints use. The loaders
 * stay with what they load (drivers {@code PointsFileLoader}, server {@code SiteLoader} and
 * {@code UplinkConfigLoader}, engine {@code ThresholdLoader}); a block of one file read by another
 * file's loader is a node of the outer document, so its problems carry the outer file's lines.
 */
package io.tanhe.grammar.config;
