package org.eventscim.events.user;

/**
 * A user's password was set. Only a salted PBKDF2 hash is recorded, never the cleartext; the read side
 * takes it as a new version of the user and never shows it.
 */
public record UserPasswordChanged(String userId, String passwordHash) {
}
