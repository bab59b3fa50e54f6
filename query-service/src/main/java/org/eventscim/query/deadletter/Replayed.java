package org.eventscim.query.deadletter;

/**
 * What a replay of the dead letters did.
 *
 * @param letters   the letters it tried
 * @param applied   those now applied, and deleted from the store
 * @param remaining those still dead letters (the same failure, or behind one)
 */
public record Replayed(int letters, int applied, int remaining) {
}
