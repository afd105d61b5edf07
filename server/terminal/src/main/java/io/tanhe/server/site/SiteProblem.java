package io.tanhe.server.site;

/**
 * One thing wrong with a site file.
 *
 * @param path    the field, e.g. {@code points[3].input} ({@code ""} for the file as a whole)
 * @param message what is wrong and, where possible, how to fix it
 */
public record SiteProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
