package io.tanhe.engine.rules;

import org.drools.model.Model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The executable models that {@link RuleModelGenerator} made at build time from the shipped DRL files, found by the
 * SHA-256 of a file's text: a DRL file whose exact text was precompiled has a model; any other text (a site's own
 * rules, an edited copy) has none and is compiled from DRL.
 */
final class PrecompiledModels {
    private static final String FOLDER = "io/tanhe/engine/rules/precompiled/";

    private PrecompiledModels() {
    }

    /** Where the list of model classes made from {@code drl} is kept on the class path. */
    static String indexPath(String drl) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(drl.getBytes(StandardCharsets.UTF_8));
            return FOLDER + HexFormat.of().formatHex(hash) + ".model";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * The models of all {@code drls}, in their order; empty when any of them has none.
     *
     * @throws IllegalStateException when a model listed on the class path cannot be loaded (a broken build)
     */
    static Optional<List<Model>> of(List<String> drls) {
        List<String> names = new ArrayList<>();
        for (String drl : drls) {
            Optional<List<String>> listed = listed(drl);
            if (listed.isEmpty()) {
                return Optional.empty();
            }
            names.addAll(listed.get());
        }
        List<Model> models = new ArrayList<>();
        for (String name : names) {
            models.add(instantiate(name));
        }
        return Optional.of(models);
    }

    private static Optional<List<String>> listed(String drl) {
        String path = indexPath(drl);
        try (InputStream in = PrecompiledModels.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the precompiled rules index " + path + ": " + e.getMessage(), e);
        }
    }

    private static Model instantiate(String name) {
        try {
            return (Model) Class.forName(name, true, PrecompiledModels.class.getClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | ClassCastException e) {
            throw new IllegalStateException("the precompiled rule model " + name + " cannot be loaded (" + e
                    + "); rebuild the jar", e);
        }
    }
}
