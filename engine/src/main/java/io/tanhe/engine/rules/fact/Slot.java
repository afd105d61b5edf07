package io.tanhe.engine.rules.fact;

/**
 * The identity under which a fact is kept in working memory.
 *
 * @param kind   the fact type
 * @param name   the point, node or factor
 * @param key    the index key ("" for scalars)
 * @param detail what else separates slots of the same name and key (the grain of a bucket result), or ""
 */
public record Slot(Class<? extends RuleFact> kind, String name, String key, String detail) {
}
