/**
 * The web dashboard: server-rendered pages (Qute) for pending rebuilds, runs, bases, the dependency graph, tasks,
 * imports and the pull-through cache, kept live over server-sent events fed by Kafka.
 *
 * <p>Sub-packages: {@code auth} (the token login, its cookie and the filter that guards every page),
 * {@code live} (Kafka → SSE), {@code web} (the pages and their view models), {@code graph} (the layered layout
 * of the base → task → image picture). Pages read through the other packages' services and never touch their
 * tables.
 */
package dev.drydock.dashboard;
