package io.tanhe.drivers.config;

/**
 * One thing wrong with a points file.
 *
 * @param path    the field's path, e.g. {@code devices[2].points[5].register}
 * @param message what is wrong and what to do about it
 */
public record ConfigProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
