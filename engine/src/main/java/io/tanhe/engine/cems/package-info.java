/**
 * Data validity of a continuous emission monitoring system (CEMS) as the standards define it:
 * valid minutes, hours, days and months ({@link io.tanhe.engine.cems.ValidityRules}), the data
 * capture rate ({@link io.tanhe.engine.cems.CaptureRate}), and the substitution of invalid hours
 * keyed on it ({@link io.tanhe.engine.cems.SubstitutionRules}, {@link io.tanhe.engine.cems.HourlyFigures}).
 *
 * <p>It sits on the evaluator's results: a minute is valid when the measured emission has a value
 * and its completeness (the time model's share of the minute covered by valid readings) reaches
 * the rule's share; quality is {@link io.tanhe.engine.time.Quality}, and a substituted hour is
 * {@code SUBSTITUTED} with the rule and the hours it was taken from. Sources: HJ 212-2017 Appendix
 * D (official text) for the minute, hour and day rules; HJ 75/76-2017 only second-hand for the
 * month rule, the capture rate and substitution (docs/cems.md), hence every threshold is a setting.
 */
package io.tanhe.engine.cems;
