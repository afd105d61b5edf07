package io.tanhe.server.console;

import io.javalin.Javalin;
import io.tanhe.server.api.RouteAccess;
import io.tanhe.server.security.access.Permission;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's routes as docs/security.md lists them, and a menu that offers only what a role's permission opens. */
class ConsoleRoutesTest {

    private static Console registered() {
        Console console = new Console(null, null, false, null);
        console.register(Javalin.create());
        return console;
    }

    @Test
    void theDocumentListsEveryConsoleRouteWithItsPermission() throws Exception {
        StringBuilder table = new StringBuilder("| method | path | needs |\n|---|---|---|\n");
        for (Console.Route r : registered().routes()) {
            table.append("| ").append(r.method()).append(" | `").append(r.path()).append("` | ")
                    .append(r.access() instanceof RouteAccess.Needs(Permission p) ? "`" + p.name().toLowerCase(Locale.ROOT) + "`" : "anyone")
                    .append(" |\n");
        }
        String doc = Files.readString(Path.of("../../docs/security.md"));
        String begin = "<!-- console route table: checked by ConsoleRoutesTest -->";
        String end = "<!-- end of console route table -->";
        assertTrue(doc.contains(begin) && doc.contains(end), "docs/security.md needs the console's route table between its markers");
        assertEquals(table.toString(), doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end)).strip() + "\n",
                "docs/security.md's console route table differs from the routes Console registers");
    }

    @Test
    void everyMenuEntryNeedsThePermissionItsPageDeclares() {
        Console console = registered();
        for (Layout.Entry e : Layout.MENU) {
            RouteAccess page = console.routes().stream().filter(r -> r.method().equals("GET") && r.path().equals(e.path()))
                    .findFirst().orElseThrow(() -> new AssertionError("no page " + e.path())).access();
            assertEquals(RouteAccess.needs(e.needs()), page, e.path());
        }
    }

    @Test
    void onlyTheLoginAndTheConsolesOwnFilesArePublic() {
        for (Console.Route r : registered().routes()) {
            if (r.access() instanceof RouteAccess.Public) {
                assertTrue(r.path().equals("/console/login") || r.path().equals("/console/static/{file}"), r.path());
            }
        }
    }
}
