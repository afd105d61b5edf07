package io.tanhe.engine.factors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tanhe.engine.factors.LocatedNode.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser's syntax error in one line, positioned where the problem is. SnakeYAML's messages come
 * as "context / mark / snippet / problem / mark / snippet" blocks; the snippet lines are dropped and
 * the last mark (the problem's) wins over Jackson's location, which for YAML often points at the
 * previous token.
 */
record SyntaxError(Location location, String message) {

    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

    static SyntaxError of(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "malformed document" : e.getOriginalMessage().strip();
        String firstBlock = original.split("\\R\\s*\\R", 2)[0];
        List<String> sentences = new ArrayList<>();
        Location location = LocatedTreeReader.location(e.getLocation());
        for (String line : firstBlock.split("\\R")) {
            Matcher mark = MARK.matcher(line);
            if (line.startsWith(" in ") && mark.find()) {
                location = new Location(Integer.parseInt(mark.group(1)), Integer.parseInt(mark.group(2)));
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                sentences.add(line.strip());
            }
        }
        return new SyntaxError(location, "syntax error: " + String.join("; ", sentences));
    }
}
