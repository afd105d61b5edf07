package io.tanhe.drivers.manual;

/** An import file that cannot be read as a whole (broken quoting, not an Excel file, unreadable). */
final class UnreadableFileException extends RuntimeException {
    private final String location;

    UnreadableFileException(String location, String message) {
        super(message, null, false, false);
        this.location = location;
    }

    String location() {
        return location;
    }
}
